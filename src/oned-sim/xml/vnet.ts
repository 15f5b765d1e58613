// VNET documents (reference oned-xmlrpc.md §4.6): one.vn.info decodes the leases of each address
// range (MAC_END, IP_END, USED_LEASES, LEASES); one.vnpool.info shows the stored ranges with the raw
// ALLOCATED string instead. STATE and PREV_STATE are CDATA-wrapped, a quirk of oned's code.
import {
  allocatedString,
  ipToString,
  leaseIp,
  leaseMac,
  leaseOwner,
  macToString,
  usedLeases,
} from '../address.js';
import type { AddressRange, VnetRec } from '../records.js';
import type { SimState } from '../state.js';
import { vectorBody, type Vector } from '../template.js';
import { lockXml, permissionsXml } from './common.js';
import { cel, el, ids } from './text.js';

function arAttrs(ar: AddressRange): Vector {
  const v: Vector = new Map([
    ...(ar.attrs ?? []),
    ['AR_ID', String(ar.id)],
    ['MAC', macToString(ar.mac)],
    ['SIZE', String(ar.size)],
    ['TYPE', ar.type],
  ]);
  if (ar.ip !== null) v.set('IP', ipToString(ar.ip));
  return v;
}

function arExtended(ar: AddressRange): string {
  let s = `<AR>${vectorBody(arAttrs(ar))}${cel('MAC_END', leaseMac(ar, ar.size - 1))}`;
  const ipEnd = leaseIp(ar, ar.size - 1);
  if (ipEnd !== null) s += cel('IP_END', ipEnd);
  s += `<USED_LEASES>${ar.leases.size}</USED_LEASES>`;
  if (ar.leases.size === 0) return `${s}<LEASES/></AR>`;
  s += '<LEASES>';
  for (const [index, v] of [...ar.leases].sort((a, b) => a[0] - b[0])) {
    const ip = leaseIp(ar, index);
    const owner = leaseOwner(v);
    s += `<LEASE>${ip === null ? '' : cel('IP', ip)}${cel('MAC', leaseMac(ar, index))}${cel(owner.type === 'VM' ? 'VM' : 'VNET', owner.id)}</LEASE>`;
  }
  return `${s}</LEASES></AR>`;
}

function arStored(ar: AddressRange): string {
  const v = arAttrs(ar);
  v.set('ALLOCATED', allocatedString(ar));
  return `<AR>${vectorBody(v)}</AR>`;
}

function optional(tag: string, value: string): string {
  return value === '' ? `<${tag}/>` : cel(tag, value);
}

export function vnetXml(state: SimState, n: VnetRec, extended: boolean): string {
  const vms = new Set<number>();
  for (const ar of n.ars) for (const v of ar.leases.values()) if (v >= 0) vms.add(v);
  return (
    `<VNET><ID>${n.id}</ID><UID>${n.uid}</UID><GID>${n.gid}</GID>` +
    el('UNAME', state.userName(n.uid)) +
    el('GNAME', state.groupName(n.gid)) +
    el('NAME', n.name) +
    (extended ? lockXml(n.lock) : '') +
    permissionsXml(n.perms) +
    ids('CLUSTERS', n.clusters) +
    cel('BRIDGE', n.bridge) +
    cel('BRIDGE_TYPE', n.bridgeType) +
    cel('STATE', n.state) +
    cel('PREV_STATE', n.prevState) +
    optional('PARENT_NETWORK_ID', n.parentId === undefined ? '' : String(n.parentId)) +
    cel('VN_MAD', n.vnMad) +
    optional('PHYDEV', n.phydev) +
    optional('VLAN_ID', n.vlanId) +
    '<OUTER_VLAN_ID/><VLAN_ID_AUTOMATIC>0</VLAN_ID_AUTOMATIC><OUTER_VLAN_ID_AUTOMATIC>0</OUTER_VLAN_ID_AUTOMATIC>' +
    `<USED_LEASES>${usedLeases(n)}</USED_LEASES><VROUTERS></VROUTERS>` +
    ids(
      'UPDATED_VMS',
      [...vms].sort((a, b) => a - b),
    ) +
    '<OUTDATED_VMS></OUTDATED_VMS><UPDATING_VMS></UPDATING_VMS><ERROR_VMS></ERROR_VMS>' +
    n.template.xml('TEMPLATE') +
    `<AR_POOL>${n.ars.map((ar) => (extended ? arExtended(ar) : arStored(ar))).join('')}</AR_POOL></VNET>`
  );
}
