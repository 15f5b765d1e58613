// The virtual network kind and how networks and their address ranges are made, shared by
// one.vn.allocate, one.vn.reserve, one.vn.add_ar and one.vntemplate.instantiate (reference
// oned-xmlrpc.md §2.8, §4.6). A new network is LOCK_CREATE until the driver confirms, then READY.
import { macForIp, parseIp, parseMac, usedLeases } from '../address.js';
import { fail, type CallContext } from '../call.js';
import { ONED } from '../errors.js';
import { hashInts } from '../prng.js';
import type { AddressRange, VnetRec } from '../records.js';
import type { Template, Vector } from '../template.js';
import { vnetXml } from '../xml/vnet.js';
import { newObjectPerms, ownedKind } from './common.js';

export const VN = { READY: 1, LOCK_CREATE: 2, LOCK_DELETE: 3, ERROR: 5 } as const;
export const VNET_STATES = ['INIT', 'READY', 'LOCK_CREATE', 'LOCK_DELETE', 'DONE', 'ERROR', 'UPDATE_FAILURE'];
/** Base delay (ms at speed 1) of the network driver's create. */
export const CREATE_DELAY = 1000;
/** Attributes of an AR vector the simulator keeps in its own fields. */
const AR_FIELDS = new Set(['AR_ID', 'TYPE', 'IP', 'MAC', 'SIZE', 'ALLOCATED']);

export const VNET_KIND = ownedKind<VnetRec>({
  authType: 'NET',
  objectName: 'virtual network',
  pool: (s) => s.vnets,
  xml: (ctx, n) => vnetXml(ctx.sim.state, n, true),
  clusters: (n) => n.clusters,
  template: (n) => n.template,
  unique: 'owner',
  deleteRefusal: (ctx, n) => {
    if (ctx.sim.state.vnets.find((r) => r.parentId === n.id))
      return 'Can not remove a virtual network with reservations';
    const ownLeases =
      n.parentId === undefined ? usedLeases(n) : n.ars.reduce((k, ar) => k + ar.leases.size, 0);
    return ownLeases > 0 ? 'Can not remove a virtual network with leases in use' : null;
  },
  onDelete: (ctx, n) => {
    ctx.sim.timeline.cancel(`vnet:${n.id}`);
    if (n.parentId !== undefined) releaseReservation(ctx, n);
  },
});

/** Gives a reservation's addresses back to the network it was taken from. */
export function releaseReservation(ctx: CallContext, n: VnetRec, arId?: number): void {
  const parent = n.parentId === undefined ? undefined : ctx.sim.state.vnets.get(n.parentId);
  if (!parent) return;
  for (const ar of n.ars) {
    if (arId !== undefined && ar.id !== arId) continue;
    const from = parent.ars.find((p) => String(p.id) === ar.attrs?.get('PARENT_NETWORK_AR_ID'));
    if (!from) continue;
    const start = ar.mac - from.mac;
    for (let i = 0; i < ar.size; i++) from.leases.delete(start + i);
    from.cursor = Math.min(from.cursor, start);
  }
}

/** An address range from an AR vector of a client template (oned's AddressRange::from_vattr). */
export function parseAr(
  ctx: CallContext,
  v: Vector,
  arId: number,
  vnetId: number,
  err: (detail: string) => Error,
): AddressRange {
  const type = (v.get('TYPE') ?? '').toUpperCase();
  if (type !== 'IP4' && type !== 'ETHER')
    throw err(`Unknown or unsupported address range TYPE ${type || '(missing)'}.`);
  const size = Number(v.get('SIZE') ?? '');
  if (!Number.isInteger(size) || size <= 0) throw err('Wrong SIZE for address range.');
  const ip = type === 'IP4' ? parseIp(v.get('IP') ?? '') : null;
  if (type === 'IP4' && ip === null) throw err('Wrong or missing IP in address range.');
  const given = v.get('MAC');
  if (given !== undefined && parseMac(given) === null) throw err(`Wrong MAC ${given} in address range.`);
  const mac =
    given !== undefined
      ? (parseMac(given) as number)
      : ip !== null
        ? macForIp(ip)
        : macForIp(0x0a000000 + ((hashInts(ctx.sim.seed, vnetId, arId) % 0xffff) << 8));
  const attrs = new Map([...v].filter(([k]) => !AR_FIELDS.has(k)));
  return {
    id: arId,
    type,
    ip,
    mac,
    size,
    leases: new Map(),
    cursor: 0,
    ...(attrs.size > 0 ? { attrs } : {}),
  };
}

export interface NewVnet {
  readonly name: string;
  readonly clusters: number[];
  /** The rest of the template (NAME and AR removed). */
  readonly template: Template;
  readonly ars: AddressRange[];
  readonly parentId?: number;
}

/** Stores a network owned by the caller, LOCK_CREATE until the driver confirms. */
export function insertVnet(ctx: CallContext, id: number, n: NewVnet): VnetRec {
  const t = n.template;
  const vnMad = t.get('VN_MAD') ?? '';
  const bridge = t.get('BRIDGE') ?? `onebr${id}`;
  t.set('BRIDGE', bridge);
  const vnet: VnetRec = {
    id,
    uid: ctx.who.uid,
    gid: ctx.who.gid,
    name: n.name,
    perms: newObjectPerms(),
    lock: null,
    clusters: n.clusters,
    bridge,
    bridgeType: vnMad === 'ovswitch' ? 'openvswitch' : 'linux',
    state: VN.LOCK_CREATE,
    prevState: 0,
    vnMad,
    phydev: t.get('PHYDEV') ?? '',
    vlanId: t.get('VLAN_ID') ?? '',
    template: t,
    ars: n.ars,
    ...(n.parentId !== undefined ? { parentId: n.parentId } : {}),
  };
  ctx.sim.state.vnets.insert(vnet);
  ctx.sim.timeline.defer(`vnet:${id}`, CREATE_DELAY, () => {
    if (vnet.state !== VN.LOCK_CREATE) return;
    vnet.prevState = vnet.state;
    vnet.state = VN.READY;
  });
  return vnet;
}

/** A network from a client template (allocate, vntemplate instantiate). */
export function createVnet(ctx: CallContext, t: Template, name: string, clusterId: number): VnetRec {
  const state = ctx.sim.state;
  const err = (detail: string): Error =>
    fail(ONED.ALLOCATE, ctx.method, `Error allocating a new virtual network. ${detail}`);
  if ((t.get('VN_MAD') ?? '') === '') throw err('VN_MAD attribute is required.');
  if (state.vnets.full()) throw err('The virtual network pool is full.');
  const id = state.vnets.nextId();
  const ars = t.vectors('AR').map((ar, arId) => parseAr(ctx, ar, arId, id, err));
  t.remove('NAME');
  t.remove('AR');
  return insertVnet(ctx, id, { name, clusters: [clusterId], template: t, ars });
}
