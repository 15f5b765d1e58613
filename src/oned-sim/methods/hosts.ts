// Hosts (reference oned-xmlrpc.md §2.6, §4.3): allocate (INIT, then MONITORED after the first
// probe), info with the last monitoring sample, status, update, delete, monitoring and pools.
// Hosts belong to oneadmin (um- --- ---); group `users` sees them through ACL `@1 HOST/* MANAGE`.
import { authorize, canSee, OP, type Op } from '../authz.js';
import { clusterAuth, hostAuth } from './auth-objects.js';
import { fail, getOr, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { hostSample, hostSampleTimes } from '../monitoring.js';
import type { HostRec } from '../records.js';
import { templateOf } from '../template.js';
import { probedTemplate } from '../host-probe.js';
import { hostXml } from '../xml/host.js';
import { applyUpdate } from './common.js';

const INIT = 0;
const MONITORED = 2;
const DISABLED = 4;
const OFFLINE = 8;
/** Base delay (ms at speed 1) before a new host's first successful probe. */
export const PROBE_DELAY = 5000;
const HOST_MONITORING_RECORDS = 20;

function fetchHost(ctx: CallContext, id: number, op: Op): HostRec {
  const h = getOr(ctx.sim.state.hosts.get(id), ctx.method, 'host', id);
  authorize(ctx.sim.state, ctx.method, ctx.who, [['HOST', hostAuth(h), op]], id);
  return h;
}

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
      if (name.trim() === '') throw fail(ONED.INTERNAL, ctx.method, 'Invalid NAME, it cannot be empty.');
      const taken = state.hosts.find((h) => h.name === name);
      if (taken) throw fail(ONED.INTERNAL, ctx.method, `NAME is already taken by HOST ${taken.id}.`);
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
  'one.host.info': {
    params: 'i',
    optional: ['b'],
    handler: (ctx, args) => XmlDoc.of(hostInfoXml(ctx, fetchHost(ctx, args.int(0), OP.USE))),
  },
  'one.host.status': {
    params: 'ii',
    handler: (ctx, args) => {
      const id = args.int(0);
      const status = args.int(1);
      const h = fetchHost(ctx, id, OP.ADMIN);
      const next = status === 0 ? MONITORED : status === 1 ? DISABLED : status === 2 ? OFFLINE : -1;
      if (next < 0) throw fail(ONED.INTERNAL, ctx.method, 'Wrong status code', id);
      h.prevState = h.state;
      h.state = status === 0 && h.state === INIT ? INIT : next;
      if (next === MONITORED && ctx.sim.state.pending.size > 0) ctx.sim.scheduler.wake();
      return id;
    },
  },
  'one.host.update': {
    params: 'is',
    optional: ['i'],
    handler: (ctx, args) => {
      const id = args.int(0);
      const type = args.int(2, 0);
      if (type !== 0 && type !== 1) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong update type');
      const h = fetchHost(ctx, id, OP.ADMIN);
      applyUpdate(ctx.method, h.template, args.str(1), type);
      return id;
    },
  },
  'one.host.delete': {
    params: 'i',
    handler: (ctx, args) => {
      const id = args.int(0);
      const h = fetchHost(ctx, id, OP.ADMIN);
      if (h.vms.size > 0)
        throw fail(ONED.ACTION, ctx.method, 'Cannot delete host. Can not remove a host with running VMs', id);
      ctx.sim.timeline.cancel(`host:${id}`);
      ctx.sim.state.hosts.remove(id);
      return id;
    },
  },
  'one.host.monitoring': {
    params: 'i',
    handler: (ctx, args) => {
      const h = fetchHost(ctx, args.int(0), OP.USE);
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
