// Virtual networks (reference oned-xmlrpc.md §2.8, §4.6): allocate (LOCK_CREATE until the network
// driver confirms, then READY), info with decoded leases, update, rename, chown, chmod and the
// filtered pool (stored ranges with the raw ALLOCATED string).
import { macForIp, parseIp, parseMac } from '../address.js';
import { authorize, OP } from '../authz.js';
import { fail, getOr, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { hashInts } from '../prng.js';
import type { AddressRange, VnetRec } from '../records.js';
import { vnetXml } from '../xml/vnet.js';
import { clusterAuth } from './auth-objects.js';
import { filteredPoolSpec, newObjectPerms, ownedKind, parseOrFail, uniquePerOwner } from './common.js';
import { ownedOps, type KindModule } from './generic.js';

const READY = 1;
const LOCK_CREATE = 2;
/** Base delay (ms at speed 1) of the network driver's create. */
export const CREATE_DELAY = 1000;

export const VNET_KIND = ownedKind<VnetRec>({
  authType: 'NET',
  objectName: 'virtual network',
  pool: (s) => s.vnets,
  xml: (ctx, n) => vnetXml(ctx.sim.state, n, true),
  clusters: (n) => n.clusters,
  template: (n) => n.template,
  unique: 'owner',
});

const POOL_KIND: typeof VNET_KIND = { ...VNET_KIND, xml: (ctx, n) => vnetXml(ctx.sim.state, n, false) };

export const vnetMethods: Record<string, MethodSpec> = {
  'one.vn.allocate': {
    params: 'si',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const cid = args.int(1) === -1 ? 0 : args.int(1);
      const cluster = getOr(state.clusters.get(cid), ctx.method, 'cluster', cid);
      authorize(state, ctx.method, ctx.who, [
        ['NET', null, OP.CREATE],
        ['CLUSTER', clusterAuth(cluster.id), OP.ADMIN],
      ]);
      const t = parseOrFail(ctx.method, args.str(0));
      const err = (detail: string): Error =>
        fail(ONED.ALLOCATE, ctx.method, `Error allocating a new virtual network. ${detail}`);
      const name = t.get('NAME') ?? '';
      if (name.trim() === '') throw err('No NAME in template.');
      const vnMad = t.get('VN_MAD') ?? '';
      if (vnMad === '') throw err('VN_MAD attribute is required.');
      uniquePerOwner(ctx, VNET_KIND, ctx.who.uid, name);
      if (state.vnets.full()) throw err('The virtual network pool is full.');
      const id = state.vnets.nextId();
      const ars: AddressRange[] = t.vectors('AR').map((ar, arId) => {
        const type = (ar.get('TYPE') ?? 'IP4').toUpperCase();
        const size = Number(ar.get('SIZE') ?? '0');
        if (!Number.isInteger(size) || size <= 0) throw err('Wrong SIZE for address range.');
        if (type !== 'IP4' && type !== 'ETHER') throw err(`Unsupported address range TYPE ${type}.`);
        const ip = type === 'IP4' ? parseIp(ar.get('IP') ?? '') : null;
        if (type === 'IP4' && ip === null) throw err('Wrong or missing IP in address range.');
        const given = ar.get('MAC');
        const mac =
          given !== undefined && parseMac(given) !== null
            ? (parseMac(given) as number)
            : ip !== null
              ? macForIp(ip)
              : macForIp(0x0a000000 + ((hashInts(ctx.sim.seed, id, arId) % 0xffff) << 8));
        return { id: arId, type, ip, mac, size, leases: new Map(), cursor: 0 };
      });
      t.remove('NAME');
      t.remove('AR');
      const bridge = t.get('BRIDGE') ?? `onebr${id}`;
      t.set('BRIDGE', bridge);
      const vnet: VnetRec = {
        id,
        uid: ctx.who.uid,
        gid: ctx.who.gid,
        name,
        perms: newObjectPerms(),
        lock: null,
        clusters: [cid],
        bridge,
        bridgeType: vnMad === 'ovswitch' ? 'openvswitch' : 'linux',
        state: LOCK_CREATE,
        prevState: 0,
        vnMad,
        phydev: t.get('PHYDEV') ?? '',
        vlanId: t.get('VLAN_ID') ?? '',
        template: t,
        ars,
      };
      state.vnets.insert(vnet);
      ctx.sim.timeline.defer(`vnet:${id}`, CREATE_DELAY, () => {
        vnet.prevState = vnet.state;
        vnet.state = READY;
      });
      return id;
    },
  },
  'one.vnpool.info': filteredPoolSpec(POOL_KIND, 'VNET_POOL'),
};

export const vnetModule: KindModule = { rpc: 'vn', ops: ownedOps(VNET_KIND), methods: vnetMethods };
