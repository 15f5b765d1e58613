// The XML-RPC arguments the OCA computes from Sunstone's parameters rather than passing them on:
// chmod's nine integers from an octet, vnet lease and reservation templates (OCA
// PoolElement#chmod_octet, VirtualNetwork#hold/#reserve). Values are already type-checked.
import { isIPv4, isIPv6 } from 'node:net';
import { PERMISSION_FLAGS } from '../one/catalogue/common.js';
import type { XmlRpcValue } from '../one/codec.js';
import { BadParameterError } from './errors.js';

/** owner/group/other x use/manage/admin: from "640" (USE 4, MANAGE 2, ADMIN 1), else the flags. */
export function permissionArgs(params: ReadonlyMap<string, XmlRpcValue>): number[] {
  const octet = params.get('octet');
  if (typeof octet === 'string') {
    return [...octet].flatMap((d) => {
      const n = Number(d);
      return [n & 4 ? 1 : 0, n & 2 ? 1 : 0, n & 1 ? 1 : 0];
    });
  }
  return PERMISSION_FLAGS.map((f) => {
    const v = params.get(f);
    return typeof v === 'number' ? v : -1;
  });
}

const MAC = /^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/;

/** IP, IP6 or MAC: the attribute name oned expects for an address (OCA address_type). */
export function addressAttribute(name: string, addr: string): 'IP' | 'IP6' | 'MAC' {
  if (isIPv4(addr)) return 'IP';
  if (isIPv6(addr)) return 'IP6';
  if (MAC.test(addr)) return 'MAC';
  throw new BadParameterError(
    `Parameter "${name}" must be an IPv4 or IPv6 address or a MAC address (aa:bb:cc:dd:ee:ff), ` +
      `got ${JSON.stringify(addr)}`,
  );
}

/** `LEASES = [ IP = 10.0.0.7 ]` for one.vn.hold / one.vn.release. */
export function leaseTemplate(name: string, addr: string): string {
  return `LEASES = [ ${addressAttribute(name, addr)} = ${addr} ]`;
}

/** The one.vn.reserve template: SIZE, then NAME, AR_ID, NETWORK_ID and the address when given. */
export function reservationTemplate(params: ReadonlyMap<string, XmlRpcValue>): string {
  const lines = [`SIZE = ${String(params.get('size'))}`];
  const name = params.get('name');
  if (typeof name === 'string') lines.push(`NAME = "${name.replace(/"/g, '\\"')}"`);
  const arId = params.get('ar_id');
  if (typeof arId === 'number') lines.push(`AR_ID = ${arId}`);
  const vnet = params.get('vnet');
  if (typeof vnet === 'number') lines.push(`NETWORK_ID = ${vnet}`);
  const addr = params.get('addr');
  if (typeof addr === 'string') lines.push(`${addressAttribute('addr', addr)} = ${addr}`);
  return `${lines.join('\n')}\n`;
}
