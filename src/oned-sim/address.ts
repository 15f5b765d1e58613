// Address ranges of virtual networks: IPv4/MAC arithmetic, lease allocation and release, and the
// raw ALLOCATED string oned stores (reference oned-xmlrpc.md §4.6). MACs default to the 02:00
// prefix followed by the IPv4 bytes, as oned's MAC_PREFIX does.
import { OnedFailure, ONED } from './errors.js';
import type { AddressRange, VnetRec } from './records.js';

export function ipToString(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseIp(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return null;
  const b = m.slice(1).map(Number);
  if (b.some((x) => x > 255)) return null;
  return (
    (((b[0] as number) << 24) >>> 0) + ((b[1] as number) << 16) + ((b[2] as number) << 8) + (b[3] as number)
  );
}

export function macToString(n: number): string {
  const parts: string[] = [];
  for (let i = 5; i >= 0; i--) parts.push((Math.floor(n / 2 ** (8 * i)) % 256).toString(16).padStart(2, '0'));
  return parts.join(':');
}

export function parseMac(s: string): number | null {
  const m = /^([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})$/i.exec(
    s.trim(),
  );
  if (!m) return null;
  return m.slice(1).reduce((acc, h) => acc * 256 + parseInt(h, 16), 0);
}

/** 02:00 followed by the four IPv4 bytes. */
export function macForIp(ip: number): number {
  return 0x0200 * 2 ** 32 + ip;
}

export function leaseIp(ar: AddressRange, index: number): string | null {
  return ar.ip === null ? null : ipToString((ar.ip + index) >>> 0);
}

export function leaseMac(ar: AddressRange, index: number): string {
  return macToString(ar.mac + index);
}

/** A lease's owner as stored in AddressRange.leases: VM ids as they are, -1 for an address on
 * hold, and reservation networks as -2 - id. */
export const HELD = -1;

export function netOwner(vnetId: number): number {
  return -2 - vnetId;
}

export function leaseOwner(v: number): { readonly type: 'VM' | 'NET'; readonly id: number } {
  return v >= HELD ? { type: 'VM', id: v } : { type: 'NET', id: -2 - v };
}

/** oned's owner encoding in ALLOCATED: object type (VM 0x1000000000, NET 0x4000000000) | id as
 * an unsigned 32-bit number (a hold is VM -1). */
const VM_OWNER = 0x1000000000;
const NET_OWNER = 0x4000000000;

export function allocatedString(ar: AddressRange): string {
  let s = '';
  for (const [index, v] of [...ar.leases].sort((a, b) => a[0] - b[0])) {
    const o = leaseOwner(v);
    s += ` ${index} ${(o.type === 'VM' ? VM_OWNER : NET_OWNER) + (o.id >>> 0)}`;
  }
  return s;
}

/** The range and index of an address (IP for IP4 ranges, or MAC), or null. */
export function findAddress(vnet: VnetRec, addr: { ip?: number | null; mac?: number | null }): Lease | null {
  for (const ar of vnet.ars) {
    let index = -1;
    if (addr.ip !== undefined && addr.ip !== null && ar.ip !== null) index = addr.ip - ar.ip;
    else if (addr.mac !== undefined && addr.mac !== null) index = addr.mac - ar.mac;
    if (index >= 0 && index < ar.size) return { arId: ar.id, index };
  }
  return null;
}

export interface Lease {
  arId: number;
  index: number;
}

/** The lowest free address of the first range that has one. */
export function allocateLease(vnet: VnetRec, vmId: number, method: string): Lease {
  for (const ar of vnet.ars) {
    if (ar.leases.size >= ar.size) continue;
    // Start at the cursor so handing out n leases in a row costs O(n), not O(n^2).
    for (let k = 0; k < ar.size; k++) {
      const i = (ar.cursor + k) % ar.size;
      if (!ar.leases.has(i)) {
        ar.leases.set(i, vmId);
        ar.cursor = (i + 1) % ar.size;
        return { arId: ar.id, index: i };
      }
    }
  }
  throw new OnedFailure(
    ONED.ALLOCATE,
    `[${method}] Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network ${vnet.id}.`,
  );
}

export function releaseLease(vnet: VnetRec | undefined, arId: number, index: number): void {
  const ar = vnet?.ars.find((a) => a.id === arId);
  if (ar && ar.leases.delete(index) && index < ar.cursor) ar.cursor = index;
}

export function usedLeases(vnet: VnetRec): number {
  return vnet.ars.reduce((n, ar) => n + ar.leases.size, 0);
}
