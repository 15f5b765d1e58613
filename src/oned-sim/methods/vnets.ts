// Virtual networks (reference oned-xmlrpc.md §2.8, §4.6): allocate (LOCK_CREATE until the
// network driver confirms, then READY), recover, delete (not with leases in use or reservations),
// the filtered pool (stored ranges with the raw ALLOCATED string) and the generic info (decoded
// leases), update, rename, chown, chmod, lock and unlock. Address ranges are in vnet-ars.ts,
// holds and reservations in vnet-leases.ts.
import { OP } from '../authz.js';
import { fail, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { allocInCluster, fetchAuthorized, filteredPoolSpec } from './common.js';
import { deleteObject } from './delete.js';
import { ownedOps, type KindModule } from './generic.js';
import { vnetArMethods } from './vnet-ars.js';
import { createVnet, VN, VNET_KIND } from './vnet-kind.js';
import { vnetLeaseMethods } from './vnet-leases.js';
import { vnetXml } from '../xml/vnet.js';

export { VNET_KIND } from './vnet-kind.js';

const POOL_KIND: typeof VNET_KIND = { ...VNET_KIND, xml: (ctx, n) => vnetXml(ctx.sim.state, n, false) };

export const vnetMethods: Record<string, MethodSpec> = {
  'one.vn.allocate': {
    params: 'si',
    handler: (ctx, args) => {
      const { t, name, cid } = allocInCluster(ctx, VNET_KIND, args.str(0), args.int(1));
      return createVnet(ctx, t, name, cid).id;
    },
  },
  'one.vn.recover': {
    params: 'ii',
    handler: (ctx, args) => {
      const [id, op] = [args.int(0), args.int(1)];
      const n = fetchAuthorized(ctx, VNET_KIND, id, OP.ADMIN);
      if (op < 0 || op > 3) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong recovery operation code', id);
      ctx.sim.timeline.cancel(`vnet:${id}`);
      if (op === 2) return deleteObject(ctx, { ...VNET_KIND, deleteRefusal: () => null }, id).id;
      n.prevState = n.state;
      n.state = op === 0 ? VN.ERROR : VN.READY;
      return id;
    },
  },
  'one.vnpool.info': filteredPoolSpec(POOL_KIND, 'VNET_POOL'),
  ...vnetArMethods,
  ...vnetLeaseMethods,
};

export const vnetModule: KindModule = { rpc: 'vn', ops: ownedOps(VNET_KIND), methods: vnetMethods };
