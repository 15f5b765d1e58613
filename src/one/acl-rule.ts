// ACL rule strings -> one.acl.addrule's arguments (hexadecimal strings without 0x), as the OCA's
// Acl.parse_rule does for `POST /acl` (reference §4.5): "<user> <resources>/<ids> <rights> [<zone>]",
// users and ids `#<uid>`, `@<gid>`, `%<cluster>` or `*`; resources and rights `+`-joined names.
// The bit values are oned's (include/PoolObjectSQL.h, AclRule.h); 64-bit, hence BigInt.
import { AclRuleError } from './errors.js';

const ID_BITS = { '#': 0x100000000n, '@': 0x200000000n, '*': 0x400000000n, '%': 0x800000000n } as const;

const RESOURCE_BITS: Readonly<Record<string, bigint>> = {
  VM: 0x1000000000n,
  HOST: 0x2000000000n,
  NET: 0x4000000000n,
  IMAGE: 0x8000000000n,
  USER: 0x10000000000n,
  TEMPLATE: 0x20000000000n,
  GROUP: 0x40000000000n,
  DATASTORE: 0x100000000000n,
  CLUSTER: 0x200000000000n,
  DOCUMENT: 0x400000000000n,
  ZONE: 0x800000000000n,
  SECGROUP: 0x1000000000000n,
  VDC: 0x2000000000000n,
  VROUTER: 0x4000000000000n,
  MARKETPLACE: 0x8000000000000n,
  MARKETPLACEAPP: 0x10000000000000n,
  VMGROUP: 0x20000000000000n,
  VNTEMPLATE: 0x40000000000000n,
  BACKUPJOB: 0x100000000000000n,
};

const RIGHT_BITS: Readonly<Record<string, bigint>> = { USE: 0x1n, MANAGE: 0x2n, ADMIN: 0x4n, CREATE: 0x8n };

/** The four strings one.acl.addrule takes (zone absent when the rule names none). */
export type AclRuleArgs = [user: string, resource: string, rights: string] | [string, string, string, string];

function ids(s: string): bigint {
  const m = /^(?:([#@%])(\d+)|\*)$/.exec(s);
  if (!m) throw new Error(`ID string '${s}' malformed`);
  return m[1] === undefined ? ID_BITS['*'] : ID_BITS[m[1] as '#' | '@' | '%'] + BigInt(m[2] ?? '0');
}

function resources(s: string): bigint {
  const parts = s.split('/');
  if (parts.length !== 2) throw new Error(`Resource '${s}' malformed`);
  let bits = 0n;
  for (const r of (parts[0] ?? '').split('+')) {
    const b = RESOURCE_BITS[r.toUpperCase()];
    if (b === undefined) throw new Error(`Resource '${r}' does not exist`);
    bits += b;
  }
  return bits + ids(parts[1] ?? '');
}

function rights(s: string): bigint {
  let bits = 0n;
  for (const r of s.split('+')) {
    const b = RIGHT_BITS[r.toUpperCase()];
    if (b === undefined) throw new Error(`Right '${r}' does not exist`);
    bits += b;
  }
  return bits;
}

/**
 * Parses a rule; an AclRuleError (400) lists every malformed component, with the OCA's wording.
 */
export function parseAclRule(rule: string): AclRuleArgs {
  const parts = rule.split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 3 && parts.length !== 4) {
    throw new AclRuleError('String needs three components: User, Resource, Rights');
  }
  const parsers = [ids, resources, rights, ids];
  const out: string[] = [];
  const errors: string[] = [];
  parts.forEach((part, i) => {
    try {
      out.push((parsers[i] ?? ids)(part).toString(16));
    } catch (err) {
      errors.push((err as Error).message);
    }
  });
  if (errors.length > 0) throw new AclRuleError(errors.join(', '));
  return out as AclRuleArgs;
}
