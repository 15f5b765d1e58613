// The infrastructure and bootstrap kinds (reference oned-xmlrpc.md §2.9-2.10, §4.9-4.12):
// datastores, clusters, zones, security groups, VDCs, marketplaces and the ACL rules. Unfiltered
// pools list what the caller may USE (all of it for administrators).
import { authorize, canSee, OP, type AuthObject, type AuthType } from '../authz.js';
import { fail, getOr, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { ClusterRec, VdcRec, ZoneRec } from '../records.js';
import { aclPoolXml } from '../xml/acl.js';
import { clusterXml } from '../xml/cluster.js';
import { datastoreXml } from '../xml/datastore.js';
import { marketXml } from '../xml/market.js';
import { secGroupXml } from '../xml/secgroup.js';
import { vdcXml } from '../xml/vdc.js';
import { zoneXml } from '../xml/zone.js';
import { filteredPoolSpec, infoSpec, type OwnedKind } from './common.js';
import type { DatastoreRec, MarketRec, SecGroupRec } from '../records.js';

const DATASTORE_KIND: OwnedKind<DatastoreRec> = {
  authType: 'DATASTORE',
  objectName: 'datastore',
  pool: (s) => s.datastores,
  xml: (ctx, ds) => datastoreXml(ctx.sim.state, ds),
  clusters: (ds) => ds.clusters,
};

const SECGROUP_KIND: OwnedKind<SecGroupRec> = {
  authType: 'SECGROUP',
  objectName: 'security group',
  pool: (s) => s.secgroups,
  xml: (ctx, sg) => secGroupXml(ctx.sim.state, sg),
};

const MARKET_KIND: OwnedKind<MarketRec> = {
  authType: 'MARKETPLACE',
  objectName: 'marketplace',
  pool: (s) => s.markets,
  xml: (ctx, m) => marketXml(ctx.sim.state, m),
};

/** An unowned kind (cluster, zone, VDC): oneadmin's, um- --- ---, visible through ACLs. */
interface SystemKind<T extends { readonly id: number }> {
  readonly authType: AuthType;
  readonly objectName: string;
  readonly root: string;
  readonly list: (ctx: CallContext) => readonly T[];
  readonly get: (ctx: CallContext, id: number) => T | undefined;
  readonly xml: (ctx: CallContext, obj: T) => string;
  readonly clusters?: (obj: T) => number[];
}

function systemAuth<T extends { readonly id: number }>(kind: SystemKind<T>, obj: T): AuthObject {
  return { id: obj.id, uid: 0, gid: 0, perms: 0o600, clusters: kind.clusters?.(obj) ?? null };
}

function systemInfo<T extends { readonly id: number }>(kind: SystemKind<T>): MethodSpec {
  return {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => {
      const id = args.int(0);
      const obj = getOr(kind.get(ctx, id), ctx.method, kind.objectName, id);
      authorize(ctx.sim.state, ctx.method, ctx.who, [[kind.authType, systemAuth(kind, obj), OP.USE]], id);
      return XmlDoc.of(kind.xml(ctx, obj));
    },
  };
}

function systemPool<T extends { readonly id: number }>(kind: SystemKind<T>): MethodSpec {
  return {
    params: '',
    handler: (ctx) => {
      const list = kind
        .list(ctx)
        .filter((o) => canSee(ctx.sim.state, ctx.who, kind.authType, systemAuth(kind, o)));
      if (ctx.sim.settings.desc) list.reverse();
      return XmlDoc.of(`<${kind.root}>${list.map((o) => kind.xml(ctx, o)).join('')}</${kind.root}>`);
    },
  };
}

/** An owned kind listed without a filter (datastores, marketplaces). */
function ownedPool<T extends DatastoreRec | MarketRec>(kind: OwnedKind<T>, root: string): MethodSpec {
  return {
    params: '',
    handler: (ctx) => {
      const list = kind
        .pool(ctx.sim.state)
        .list()
        .filter((o) =>
          canSee(ctx.sim.state, ctx.who, kind.authType, {
            id: o.id,
            uid: o.uid,
            gid: o.gid,
            perms: o.perms,
            clusters: kind.clusters?.(o) ?? null,
          }),
        );
      if (ctx.sim.settings.desc) list.reverse();
      return XmlDoc.of(`<${root}>${list.map((o) => kind.xml(ctx, o)).join('')}</${root}>`);
    },
  };
}

const CLUSTER: SystemKind<ClusterRec> = {
  authType: 'CLUSTER',
  objectName: 'cluster',
  root: 'CLUSTER_POOL',
  list: (ctx) => ctx.sim.state.clusters.list().slice(),
  get: (ctx, id) => ctx.sim.state.clusters.get(id),
  xml: (ctx, c) => clusterXml(ctx.sim.state, c),
  clusters: (c) => [c.id],
};

const ZONE: SystemKind<ZoneRec> = {
  authType: 'ZONE',
  objectName: 'zone',
  root: 'ZONE_POOL',
  list: (ctx) => ctx.sim.state.zones.list().slice(),
  get: (ctx, id) => ctx.sim.state.zones.get(id),
  xml: (_ctx, z) => zoneXml(z),
};

const VDC: SystemKind<VdcRec> = {
  authType: 'VDC',
  objectName: 'VDC',
  root: 'VDC_POOL',
  list: (ctx) => ctx.sim.state.vdcs.list().slice(),
  get: (ctx, id) => ctx.sim.state.vdcs.get(id),
  xml: (_ctx, v) => vdcXml(v),
};

export const infraMethods: Record<string, MethodSpec> = {
  'one.datastore.info': infoSpec(DATASTORE_KIND),
  'one.datastorepool.info': ownedPool(DATASTORE_KIND, 'DATASTORE_POOL'),
  'one.cluster.info': systemInfo(CLUSTER),
  'one.clusterpool.info': systemPool(CLUSTER),
  'one.zone.info': systemInfo(ZONE),
  'one.zonepool.info': systemPool(ZONE),
  'one.vdc.info': systemInfo(VDC),
  'one.vdcpool.info': systemPool(VDC),
  'one.secgroup.info': infoSpec(SECGROUP_KIND),
  'one.secgrouppool.info': filteredPoolSpec(SECGROUP_KIND, 'SECURITY_GROUP_POOL'),
  'one.market.info': infoSpec(MARKET_KIND),
  'one.marketpool.info': ownedPool(MARKET_KIND, 'MARKETPLACE_POOL'),
  'one.acl.info': {
    params: '',
    handler: (ctx) => {
      if (!ctx.who.admin)
        throw fail(
          ONED.AUTHORIZATION,
          ctx.method,
          `User [${ctx.who.uid}] : Not authorized to perform MANAGE ACL.`,
        );
      return XmlDoc.of(aclPoolXml(ctx.sim.state.acls.list()));
    },
  },
};
