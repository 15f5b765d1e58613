// Clusters (reference oned-xmlrpc.md §2.9, §4.10): allocate (ids from 100), update, rename,
// delete (never the system ones, never with hosts, datastores or networks), and membership: a
// host is in one cluster (addhost moves it, delhost sends it back to cluster 0), datastores and
// networks may be in several; adding a member again or removing a stranger is a no-op. Membership lives in the members, so both documents show it.
import { authorize, OP, type AuthObject, type AuthType } from '../authz.js';
import { getOr, type CallContext, type MethodSpec } from '../call.js';
import type { ClusterRec } from '../records.js';
import { templateOf } from '../template.js';
import { clusterXml } from '../xml/cluster.js';
import { clusterAuth, hostAuth } from './auth-objects.js';
import { allocError, checkNewName, nameProblem, type SimKind } from './common.js';
import { systemOps, type KindModule } from './generic.js';

export const CLUSTER_KIND: SimKind<ClusterRec> = {
  authType: 'CLUSTER',
  objectName: 'cluster',
  pool: (s) => s.clusters,
  xml: (ctx, c) => clusterXml(ctx.sim.state, c),
  auth: (c) => clusterAuth(c.id),
  template: (c) => c.template,
  adminOps: true,
  unique: 'global',
  deleteRefusal: (ctx, c) => {
    if (c.id < 100) return 'System Clusters (ID < 100) cannot be deleted.';
    const s = ctx.sim.state;
    const count = (n: number, what: string): string =>
      `Cluster ${c.id} is not empty, it contains ${n} ${what}.`;
    const hosts = s.hosts.list().filter((h) => h.clusterId === c.id).length;
    if (hosts > 0) return count(hosts, 'hosts');
    const dss = s.datastores.list().filter((d) => d.clusters.includes(c.id)).length;
    if (dss > 0) return count(dss, 'datastores');
    const vnets = s.vnets.list().filter((n) => n.clusters.includes(c.id)).length;
    return vnets > 0 ? count(vnets, 'vnets') : null;
  },
};

interface Member {
  readonly type: AuthType;
  readonly auth: AuthObject;
  readonly isIn: (cid: number) => boolean;
  readonly add: (cid: number) => void;
  readonly del: (cid: number) => void;
}

function member(ctx: CallContext, what: 'host' | 'datastore' | 'vnet', id: number): Member {
  const s = ctx.sim.state;
  if (what === 'host') {
    const h = getOr(s.hosts.get(id), ctx.method, 'host', id);
    return {
      type: 'HOST',
      auth: hostAuth(h),
      isIn: (cid) => h.clusterId === cid,
      add: (cid) => {
        h.clusterId = cid;
      },
      del: () => {
        h.clusterId = 0;
      },
    };
  }
  const obj =
    what === 'datastore'
      ? getOr(s.datastores.get(id), ctx.method, 'datastore', id)
      : getOr(s.vnets.get(id), ctx.method, 'virtual network', id);
  return {
    type: what === 'datastore' ? 'DATASTORE' : 'NET',
    auth: {
      id: obj.id,
      uid: obj.uid,
      gid: obj.gid,
      perms: obj.perms,
      lock: obj.lock,
      clusters: obj.clusters,
    },
    isIn: (cid) => obj.clusters.includes(cid),
    add: (cid) => {
      obj.clusters = [...obj.clusters, cid].sort((a, b) => a - b);
    },
    del: (cid) => {
      obj.clusters = obj.clusters.filter((c) => c !== cid);
    },
  };
}

function membership(op: 'add' | 'del', what: 'host' | 'datastore' | 'vnet'): MethodSpec {
  return {
    params: 'ii',
    handler: (ctx, args) => {
      const [cid, id] = [args.int(0), args.int(1)];
      const cluster = getOr(ctx.sim.state.clusters.get(cid), ctx.method, 'cluster', cid);
      const m = member(ctx, what, id);
      authorize(
        ctx.sim.state,
        ctx.method,
        ctx.who,
        [
          ['CLUSTER', clusterAuth(cluster.id), OP.ADMIN],
          [m.type, m.auth, OP.ADMIN],
        ],
        cid,
      );
      // Adding a member twice or removing a stranger changes nothing and succeeds, as in oned
      // (RequestManagerCluster answers success when the collection refuses the change).
      if (op === 'add' && !m.isIn(cid)) m.add(cid);
      if (op === 'del' && m.isIn(cid)) m.del(cid);
      return cid;
    },
  };
}

export const clusterMethods: Record<string, MethodSpec> = {
  'one.cluster.allocate': {
    params: 's',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      authorize(state, ctx.method, ctx.who, [['CLUSTER', null, OP.CREATE]]);
      const name = args.str(0);
      const problem = nameProblem(name);
      if (problem) throw allocError(ctx, 'cluster', `${problem}.`);
      checkNewName(ctx, CLUSTER_KIND, name, 0);
      if (state.clusters.full()) throw allocError(ctx, 'cluster', 'The cluster pool is full.');
      const id = state.clusters.nextId();
      state.clusters.insert({
        id,
        name,
        template: templateOf([
          ['RESERVED_CPU', ''],
          ['RESERVED_MEM', ''],
        ]),
      });
      return id;
    },
  },
  'one.cluster.addhost': membership('add', 'host'),
  'one.cluster.delhost': membership('del', 'host'),
  'one.cluster.adddatastore': membership('add', 'datastore'),
  'one.cluster.deldatastore': membership('del', 'datastore'),
  'one.cluster.addvnet': membership('add', 'vnet'),
  'one.cluster.delvnet': membership('del', 'vnet'),
};

export const clusterModule: KindModule = {
  rpc: 'cluster',
  ops: systemOps(CLUSTER_KIND),
  methods: clusterMethods,
};
