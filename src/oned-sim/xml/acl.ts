// ACL rules (reference oned-xmlrpc.md §4.11-4.12): USER, RESOURCE, RIGHTS and ZONE as lower-case
// hex without 0x, and STRING, the readable rule ("@1 VM+IMAGE/* CREATE #0").
import { ACL_ID, AUTH_TYPE_BITS } from '../authz.js';
import type { AclRec } from '../records.js';
import { el } from './text.js';

const ID_MASK = 0xffffffffn;

function idString(v: bigint): string {
  const id = v & ID_MASK;
  if (v & ACL_ID.ALL) return '*';
  if (v & ACL_ID.INDIVIDUAL) return `#${id}`;
  if (v & ACL_ID.GROUP) return `@${id}`;
  if (v & ACL_ID.CLUSTER) return `%${id}`;
  return '??';
}

export function aclString(r: AclRec): string {
  const types = Object.entries(AUTH_TYPE_BITS)
    .filter(([, bit]) => (r.resource & bit) !== 0n)
    .map(([name]) => name)
    .join('+');
  const rights = [
    [1n, 'USE'],
    [2n, 'MANAGE'],
    [4n, 'ADMIN'],
    [8n, 'CREATE'],
  ]
    .filter(([bit]) => (r.rights & (bit as bigint)) !== 0n)
    .map(([, name]) => name)
    .join('+');
  return `${idString(r.user)} ${types}/${idString(r.resource)} ${rights} ${idString(r.zone)}`;
}

export function aclPoolXml(rules: readonly AclRec[]): string {
  let s = '<ACL_POOL>';
  for (const r of rules)
    s +=
      `<ACL><ID>${r.id}</ID><USER>${r.user.toString(16)}</USER><RESOURCE>${r.resource.toString(16)}</RESOURCE>` +
      `<RIGHTS>${r.rights.toString(16)}</RIGHTS><ZONE>${r.zone.toString(16)}</ZONE>${el('STRING', aclString(r))}</ACL>`;
  return `${s}</ACL_POOL>`;
}
