// VDCs (reference oned-xmlrpc.md §2.9; vdc.xsd): allocate (NAME; ids from 100), update, rename,
// delete (never the default VDC 0), and their groups and resources: clusters, hosts, datastores
// and networks of a zone (-10 = all of them). ADMIN on the VDC and on what is added.
import { authorize, OP, type AuthObject, type AuthType } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VdcRec } from '../records.js';
import { vdcXml } from '../xml/vdc.js';
import { clusterAuth, groupAuth, hostAuth, systemAuth } from './auth-objects.js';
import { allocName, parseOrFail, type SimKind } from './common.js';
import { systemOps, type KindModule } from './generic.js';

const ALL = -10;

export const VDC_KIND: SimKind<VdcRec> = {
  authType: 'VDC',
  objectName: 'VDC',
  pool: (s) => s.vdcs,
  xml: (_ctx, v) => vdcXml(v),
  auth: (v) => systemAuth(v.id),
  template: (v) => v.template,
  adminOps: true,
  unique: 'global',
  deleteRefusal: (_ctx, v) => (v.id < 100 ? 'System VDCs (ID < 100) cannot be deleted.' : null),
};

function groupChange(op: 'add' | 'del'): MethodSpec {
  return {
    params: 'ii',
    handler: (ctx, args) => {
      const [id, gid] = [args.int(0), args.int(1)];
      const vdc = getOr(ctx.sim.state.vdcs.get(id), ctx.method, 'VDC', id);
      const g = getOr(ctx.sim.state.groups.get(gid), ctx.method, 'group', gid);
      authorize(
        ctx.sim.state,
        ctx.method,
        ctx.who,
        [
          ['VDC', systemAuth(vdc.id), OP.ADMIN],
          ['GROUP', groupAuth(g.id), OP.ADMIN],
        ],
        id,
      );
      const has = vdc.groups.includes(gid);
      if (op === 'add' && has)
        throw fail(ONED.ACTION, ctx.method, `Group ${gid} is already in the VDC ${id}`, id);
      if (op === 'del' && !has)
        throw fail(ONED.ACTION, ctx.method, `Group ${gid} is not part of the VDC ${id}`, id);
      vdc.groups =
        op === 'add' ? [...vdc.groups, gid].sort((a, b) => a - b) : vdc.groups.filter((x) => x !== gid);
      return id;
    },
  };
}

type Resource = 'cluster' | 'host' | 'datastore' | 'vnet';
const FIELD: Record<Resource, 'clusters' | 'hosts' | 'datastores' | 'vnets'> = {
  cluster: 'clusters',
  host: 'hosts',
  datastore: 'datastores',
  vnet: 'vnets',
};
const LABEL: Record<Resource, string> = {
  cluster: 'Cluster',
  host: 'Host',
  datastore: 'Datastore',
  vnet: 'Vnet',
};

/** What authorization sees of a resource of the local zone (remote ones cannot be checked). */
function resourceAuth(ctx: CallContext, what: Resource, id: number): [AuthType, AuthObject] | null {
  const s = ctx.sim.state;
  switch (what) {
    case 'cluster':
      return ['CLUSTER', clusterAuth(getOr(s.clusters.get(id), ctx.method, 'cluster', id).id)];
    case 'host':
      return ['HOST', hostAuth(getOr(s.hosts.get(id), ctx.method, 'host', id))];
    case 'datastore': {
      const d = getOr(s.datastores.get(id), ctx.method, 'datastore', id);
      return ['DATASTORE', { id, uid: d.uid, gid: d.gid, perms: d.perms, clusters: d.clusters }];
    }
    case 'vnet': {
      const n = getOr(s.vnets.get(id), ctx.method, 'virtual network', id);
      return ['NET', { id, uid: n.uid, gid: n.gid, perms: n.perms, clusters: n.clusters }];
    }
  }
}

function resourceChange(op: 'add' | 'del', what: Resource): MethodSpec {
  return {
    params: 'iii',
    handler: (ctx, args) => {
      const [id, zone, rid] = [args.int(0), args.int(1), args.int(2)];
      const vdc = getOr(ctx.sim.state.vdcs.get(id), ctx.method, 'VDC', id);
      getOr(ctx.sim.state.zones.get(zone), ctx.method, 'zone', zone);
      const checks: Array<[AuthType, AuthObject, 1 | 2 | 4 | 8]> = [['VDC', systemAuth(vdc.id), OP.ADMIN]];
      const res = zone === 0 && rid !== ALL ? resourceAuth(ctx, what, rid) : null;
      if (res) checks.push([res[0], res[1], OP.ADMIN]);
      authorize(ctx.sim.state, ctx.method, ctx.who, checks, id);
      const list = vdc[FIELD[what]];
      const at = list.findIndex(([z, r]) => z === zone && r === rid);
      const label = `${LABEL[what]} ${rid} from zone ${zone}`;
      if (op === 'add') {
        if (at >= 0) throw fail(ONED.ACTION, ctx.method, `${label} is already in the VDC ${id}`, id);
        list.push([zone, rid]);
      } else {
        if (at < 0) throw fail(ONED.ACTION, ctx.method, `${label} is not part of the VDC ${id}`, id);
        list.splice(at, 1);
      }
      return id;
    },
  };
}

export const vdcMethods: Record<string, MethodSpec> = {
  'one.vdc.allocate': {
    params: 's',
    optional: ['i'],
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      authorize(state, ctx.method, ctx.who, [['VDC', null, OP.CREATE]]);
      const t = parseOrFail(ctx.method, args.str(0));
      const name = allocName(ctx, VDC_KIND, t, 0);
      const id = state.vdcs.nextId();
      state.vdcs.insert({
        id,
        name,
        groups: [],
        clusters: [],
        hosts: [],
        datastores: [],
        vnets: [],
        template: t,
      });
      return id;
    },
  },
  'one.vdc.addgroup': groupChange('add'),
  'one.vdc.delgroup': groupChange('del'),
  ...Object.fromEntries(
    (['cluster', 'host', 'datastore', 'vnet'] as const).flatMap((what) => [
      [`one.vdc.add${what}`, resourceChange('add', what)],
      [`one.vdc.del${what}`, resourceChange('del', what)],
    ]),
  ),
};

export const vdcModule: KindModule = { rpc: 'vdc', ops: systemOps(VDC_KIND), methods: vdcMethods };
