// Virtual machines (reference oned-xmlrpc.md §2.4, §3): allocate, info, action, deploy, update,
// rename, chown, chmod, lock, unlock, recover (delete) and monitoring.
import { authorize, OP } from '../authz.js';
import { fail, getOr, XmlDoc, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { actionRefusal, VM_ACTIONS } from '../vm-actions.js';
import { vmPollTime, vmSample, vmSampleTimes } from '../monitoring.js';
import type { VmRec } from '../records.js';
import { fits, systemDatastore } from '../scheduler.js';
import { createVm } from '../vm-factory.js';
import { hostAuth } from './auth-objects.js';
import { S } from '../vm-codes.js';
import { vmStateName } from '../../one/vm-states.js';
import { vmFullXml } from '../xml/vm.js';
import { fetchAuthorized, ownedKind, parseOrFail } from './common.js';
import { ownedOps, type KindModule } from './generic.js';

/** How many samples one.vm.monitoring returns (oned keeps VM_MONITORING_EXPIRATION_TIME of them). */
const VM_MONITORING_RECORDS = 40;

export function vmInfoXml(ctx: CallContext, vm: VmRec): string {
  const now = ctx.sim.now();
  const poll = vmPollTime(vm, now);
  return vmFullXml(ctx.sim.state, vm, {
    monitoring: poll > 0 ? vmSample(ctx.sim.seed, vm, poll) : '',
    lastPoll: poll,
    history: 'all',
  });
}

export const VM_KIND = ownedKind<VmRec>({
  authType: 'VM',
  objectName: 'virtual machine',
  pool: (s) => s.vms,
  xml: vmInfoXml,
  clusters: (vm) => vm.clusters ?? [],
  template: (vm) => vm.userTemplate,
  touched: (ctx, vm) => ctx.sim.state.touchVm(vm),
});

/** VM_ADMIN_OPERATIONS of a stock oned.conf; everything else one.vm.action does is MANAGE. */
const ADMIN_ACTIONS = new Set(['resched', 'unresched']);

function action(ctx: CallContext, name: string, id: number): number {
  const op = ADMIN_ACTIONS.has(name) ? OP.ADMIN : OP.MANAGE;
  const vm = fetchAuthorized(ctx, VM_KIND, id, op);
  if (!VM_ACTIONS.has(name)) throw fail(ONED.ACTION, ctx.method, `Action "${name}" is not supported`, id);
  const refusal = actionRefusal(vm, name);
  if (refusal) throw fail(ONED.ACTION, ctx.method, `Error performing action "${name}": ${refusal}`, id);
  ctx.sim.lifecycle.perform(vm, name, { uid: ctx.who.uid, gid: ctx.who.gid, reqId: ctx.reqId });
  return id;
}

function deploy(ctx: CallContext, id: number, hostId: number, enforce: boolean, dsId: number): number {
  const state = ctx.sim.state;
  const vm = getOr(state.vms.get(id), ctx.method, 'virtual machine', id);
  const host = getOr(state.hosts.get(hostId), ctx.method, 'host', hostId);
  authorize(
    state,
    ctx.method,
    ctx.who,
    [
      [
        'VM',
        { id: vm.id, uid: vm.uid, gid: vm.gid, perms: vm.perms, lock: vm.lock, clusters: vm.clusters },
        OP.ADMIN,
      ],
      ['HOST', hostAuth(host), OP.MANAGE],
    ],
    id,
  );
  if (![S.PENDING, S.HOLD, S.STOPPED, S.UNDEPLOYED].includes(vm.state))
    throw fail(
      ONED.ACTION,
      ctx.method,
      `Deploy action is not available for state ${vmStateName(vm.state, vm.lcm)}`,
      id,
    );
  if (enforce && !fits(vm, host)) {
    const cpuFree = host.totalCpu - host.cpuUsage;
    const memFree = host.totalMem - host.memUsage;
    const detail =
      Math.round(vm.cpu * 100) > cpuFree
        ? `Not enough CPU: ${Math.round(vm.cpu * 100)}/${cpuFree}`
        : `Not enough memory: ${vm.memory * 1024}/${memFree}`;
    throw fail(
      ONED.ACTION,
      ctx.method,
      `virtual machine [${id}] does not fit in host [${hostId}]. ${detail}`,
      id,
    );
  }
  let ds = systemDatastore(state, host.clusterId);
  if (dsId >= 0) {
    const chosen = getOr(state.datastores.get(dsId), ctx.method, 'datastore', dsId);
    if (chosen.type !== 1 || !chosen.clusters.includes(host.clusterId))
      throw fail(
        ONED.ACTION,
        ctx.method,
        `Datastore [${dsId}] is not a system datastore of cluster ${host.clusterId}.`,
        id,
      );
    ds = chosen;
  }
  if (!ds) throw fail(ONED.ACTION, ctx.method, `No system datastore in cluster ${host.clusterId}.`, id);
  ctx.sim.lifecycle.deploy(vm, host, ds.id);
  return id;
}

export const vmMethods: Record<string, MethodSpec> = {
  'one.vm.allocate': {
    params: 's',
    optional: ['b'],
    handler: (ctx, args) => {
      authorize(ctx.sim.state, ctx.method, ctx.who, [['VM', null, OP.CREATE]]);
      const t = parseOrFail(ctx.method, args.str(0));
      const vm = createVm(ctx, t, { uid: ctx.who.uid, gid: ctx.who.gid, hold: args.bool(1, false) });
      return vm.id;
    },
  },
  'one.vm.action': { params: 'si', handler: (ctx, args) => action(ctx, args.str(0), args.int(1)) },
  'one.vm.deploy': {
    params: 'ii',
    optional: ['b', 'i', 's'],
    handler: (ctx, args) => deploy(ctx, args.int(0), args.int(1), args.bool(2, false), args.int(3, -1)),
  },
  'one.vm.recover': {
    params: 'ii',
    handler: (ctx, args) => {
      const id = args.int(0);
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.ADMIN);
      if (args.int(1) !== 3)
        throw fail(
          ONED.ACTION,
          ctx.method,
          `Recover action is not available for state ${vmStateName(vm.state, vm.lcm)}`,
          id,
        );
      ctx.sim.lifecycle.forceDone(vm);
      return id;
    },
  },
  'one.vm.monitoring': {
    params: 'i',
    handler: (ctx, args) => {
      const vm = fetchAuthorized(ctx, VM_KIND, args.int(0), OP.USE);
      let s = '<MONITORING_DATA>';
      for (const t of vmSampleTimes(vm, ctx.sim.now(), VM_MONITORING_RECORDS))
        s += `<MONITORING>${vmSample(ctx.sim.seed, vm, t)}</MONITORING>`;
      return XmlDoc.of(`${s}</MONITORING_DATA>`);
    },
  },
};

export const vmModule: KindModule = { rpc: 'vm', ops: ownedOps(VM_KIND), methods: vmMethods };
