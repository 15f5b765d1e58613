// Hosts (reference oned-xmlrpc.md §2.6, §4.3): allocate (INIT, then MONITORED after the first
// probe), info with the last monitoring sample, status, update, delete, monitoring and pools.
// Hosts belong to oneadmin (um- --- ---); group `users` sees them through ACL `@1 HOST/* MANAGE`.
import { authorize, canSee, OP } from '../authz.js';
import { clusterAuth, hostAuth } from './auth-objects.js';
import { fail, getOr, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { hostSample, hostSampleTimes } from '../monitoring.js';
import type { HostRec } from '../records.js';
import { templateOf } from '../template.js';
import { probedTemplate } from '../host-probe.js';
import { hostXml } from '../xml/host.js';
import { checkNewName, fetchAuthorized, nameProblem, type SimKind } from './common.js';
import { systemOps, type KindModule } from './generic.js';

const INIT = 0;
const MONITORED = 2;
const DISABLED = 4;
const OFFLINE = 8;
/** Base delay (ms at speed 1) before a new host's first successful probe. */
export const PROBE_DELAY = 5000;
const HOST_MONITORING_RECORDS = 20;

export const HOST_KIND: SimKind<HostRec> = {
  authType: 'HOST',
  objectName: 'host',
  pool: (s) => s.hosts,
  xml: (ctx, h) => hostInfoXml(ctx, h),
  auth: hostAuth,
  template: (h) => h.template,
  adminOps: true,
  unique: 'global',
  deleteRefusal: (_ctx, h) => (h.vms.size > 0 ? 'Can not remove a host with running VMs' : null),
  onDelete: (ctx, h) => ctx.sim.timeline.cancel(`host:${h.id}`),
};

function hostInfoXml(ctx: CallContext, h: HostRec): string {
  const now = ctx.sim.now();
  const monitoring =
    h.state === INIT ? '' : hostSample(ctx.sim.seed, h, hostSampleTimes(now, 1)[0] as number);
  return hostXml(ctx.sim.state, h, monitoring);
}

function visibleHosts(ctx: CallContext): HostRec[] {
  const list = ctx.sim.state.hosts.list().filter((h) => canSee(ctx.sim.state, ctx.who, 'HOST', hostAuth(h)));
  return ctx.sim.settings.desc ? list.reverse() : list;
}

export const hostMethods: Record<string, MethodSpec> = {
  'one.host.allocate': {
    params: 'sssi',
    handler: (ctx, args) => {
      const state = ctx.sim.state;
      const [name, im, vmm] = [args.str(0), args.str(1), args.str(2)];
      const cid = args.int(3) === -1 ? 0 : args.int(3);
      const cluster = getOr(state.clusters.get(cid), ctx.method, 'cluster', cid);
      authorize(state, ctx.method, ctx.who, [
        ['HOST', null, OP.CREATE],
        ['CLUSTER', clusterAuth(cluster.id), OP.ADMIN],
      ]);
      const problem = nameProblem(name);
      if (problem) throw fail(ONED.INTERNAL, ctx.method, `${problem}.`);
      checkNewName(ctx, HOST_KIND, name, 0);
      if (state.hosts.full())
        throw fail(ONED.ALLOCATE, ctx.method, 'Error allocating a new host. The host pool is full.');
      const id = state.hosts.nextId();
      const host: HostRec = {
        id,
        name,
        state: INIT,
        prevState: INIT,
        imMad: im,
        vmMad: vmm,
        clusterId: cid,
        template: templateOf([
          ['IM_MAD', im],
          ['VM_MAD', vmm],
        ]),
        // The dummy probes' figures: 8 cores, 16 GiB (reference §4.3).
        totalCpu: 800,
        totalMem: 16777216,
        cpuUsage: 0,
        memUsage: 0,
        vms: new Set(),
        maxDisk: 20480,
      };
      state.hosts.insert(host);
      ctx.sim.timeline.defer(`host:${id}`, PROBE_DELAY, () => {
        if (host.state !== INIT) return;
        host.template.merge(probedTemplate(host));
        host.prevState = host.state;
        host.state = MONITORED;
        if (state.pending.size > 0) ctx.sim.scheduler.wake();
      });
      return id;
    },
  },
  'one.host.status': {
    params: 'ii',
    handler: (ctx, args) => {
      const id = args.int(0);
      const status = args.int(1);
      const h = fetchAuthorized(ctx, HOST_KIND, id, OP.ADMIN);
      const next = status === 0 ? MONITORED : status === 1 ? DISABLED : status === 2 ? OFFLINE : -1;
      if (next < 0) throw fail(ONED.INTERNAL, ctx.method, 'Wrong status code', id);
      h.prevState = h.state;
      h.state = status === 0 && h.state === INIT ? INIT : next;
      if (next === MONITORED && ctx.sim.state.pending.size > 0) ctx.sim.scheduler.wake();
      return id;
    },
  },
  'one.host.monitoring': {
    params: 'i',
    handler: (ctx, args) => {
      const h = fetchAuthorized(ctx, HOST_KIND, args.int(0), OP.USE, { ignoreLock: true });
      let s = '<MONITORING_DATA>';
      if (h.state !== INIT)
        for (const t of hostSampleTimes(ctx.sim.now(), HOST_MONITORING_RECORDS))
          s += `<MONITORING>${hostSample(ctx.sim.seed, h, t)}</MONITORING>`;
      return XmlDoc.of(`${s}</MONITORING_DATA>`);
    },
  },
  'one.hostpool.info': {
    params: '',
    handler: (ctx) =>
      XmlDoc.of(
        `<HOST_POOL>${visibleHosts(ctx)
          .map((h) => hostXml(ctx.sim.state, h, null))
          .join('')}</HOST_POOL>`,
      ),
  },
  'one.hostpool.monitoring': {
    params: '',
    optional: ['i'],
    handler: (ctx, args) => {
      const seconds = args.int(0, 0);
      const now = ctx.sim.now();
      const count = seconds > 0 ? Math.min(HOST_MONITORING_RECORDS, Math.ceil(seconds / 60)) : 1;
      let s = '<MONITORING_DATA>';
      for (const h of visibleHosts(ctx).reverse()) {
        if (h.state === INIT) continue;
        for (const t of hostSampleTimes(now, count))
          s += `<MONITORING>${hostSample(ctx.sim.seed, h, t)}</MONITORING>`;
      }
      return XmlDoc.of(`${s}</MONITORING_DATA>`);
    },
  },
};

export const hostModule: KindModule = { rpc: 'host', ops: systemOps(HOST_KIND), methods: hostMethods };
