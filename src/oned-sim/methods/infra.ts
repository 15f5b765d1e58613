// The infrastructure and bootstrap kinds (reference oned-xmlrpc.md §2.9-2.10, §4.9-4.12):
// datastores, clusters, zones, security groups, VDCs, marketplaces and the ACL rules. Unfiltered
// pools list what the caller may USE (all of it for administrators).
import type { ClusterRec, DatastoreRec, MarketRec, SecGroupRec, VdcRec, ZoneRec } from '../records.js';
import { clusterXml } from '../xml/cluster.js';
import { datastoreXml } from '../xml/datastore.js';
import { marketXml } from '../xml/market.js';
import { secGroupXml } from '../xml/secgroup.js';
import { vdcXml } from '../xml/vdc.js';
import { zoneXml } from '../xml/zone.js';
import { clusterAuth } from './auth-objects.js';
import { ownedKind, type SimKind } from './common.js';
import { ownedOps, systemOps, type KindModule } from './generic.js';

const DATASTORE_KIND = ownedKind<DatastoreRec>({
  authType: 'DATASTORE',
  objectName: 'datastore',
  pool: (s) => s.datastores,
  xml: (ctx, ds) => datastoreXml(ctx.sim.state, ds),
  clusters: (ds) => ds.clusters,
  template: (ds) => ds.template,
  adminOps: true,
  unique: 'global',
});

const SECGROUP_KIND = ownedKind<SecGroupRec>({
  authType: 'SECGROUP',
  objectName: 'security group',
  pool: (s) => s.secgroups,
  xml: (ctx, sg) => secGroupXml(ctx.sim.state, sg),
  template: (sg) => sg.template,
  unique: 'owner',
});

const MARKET_KIND = ownedKind<MarketRec>({
  authType: 'MARKETPLACE',
  objectName: 'marketplace',
  pool: (s) => s.markets,
  xml: (ctx, m) => marketXml(ctx.sim.state, m),
  template: (m) => m.template,
  unique: 'global',
});

/** Unowned kinds belong to oneadmin, um- --- ---, and are reached through ACL rules. */
const system = (id: number): ReturnType<typeof clusterAuth> => ({ id, uid: 0, gid: 0, perms: 0o600 });

const CLUSTER_KIND: SimKind<ClusterRec> = {
  authType: 'CLUSTER',
  objectName: 'cluster',
  pool: (s) => s.clusters,
  xml: (ctx, c) => clusterXml(ctx.sim.state, c),
  auth: (c) => clusterAuth(c.id),
  template: (c) => c.template,
  adminOps: true,
  unique: 'global',
};

const ZONE_KIND: SimKind<ZoneRec> = {
  authType: 'ZONE',
  objectName: 'zone',
  pool: (s) => s.zones,
  xml: (_ctx, z) => zoneXml(z),
  auth: (z) => system(z.id),
  template: (z) => z.template,
  adminOps: true,
  unique: 'global',
};

const VDC_KIND: SimKind<VdcRec> = {
  authType: 'VDC',
  objectName: 'VDC',
  pool: (s) => s.vdcs,
  xml: (_ctx, v) => vdcXml(v),
  auth: (v) => system(v.id),
  template: (v) => v.template,
  adminOps: true,
  unique: 'global',
};

export const infraModules: readonly KindModule[] = [
  { rpc: 'datastore', ops: ownedOps(DATASTORE_KIND), methods: {} },
  { rpc: 'secgroup', ops: ownedOps(SECGROUP_KIND), methods: {} },
  { rpc: 'market', ops: ownedOps(MARKET_KIND), methods: {} },
  { rpc: 'cluster', ops: systemOps(CLUSTER_KIND), methods: {} },
  { rpc: 'zone', ops: systemOps(ZONE_KIND), methods: {} },
  { rpc: 'vdc', ops: systemOps(VDC_KIND), methods: {} },
];
