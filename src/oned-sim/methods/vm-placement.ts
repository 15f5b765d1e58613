// Where a VM runs (reference oned-xmlrpc.md §2.4, §3.3): one.vm.deploy (PENDING, HOLD, STOPPED or
// UNDEPLOYED VMs) and one.vm.migrate, both VM:ADMIN + HOST:MANAGE, with the capacity check when
// enforced and a system datastore of the host's cluster.
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import { migrate, migrationAllowed } from '../migration.js';
import type { DatastoreRec, HostRec, VmRec } from '../records.js';
import { fits, systemDatastore } from '../scheduler.js';
import { S } from '../vm-codes.js';
import { hostAuth } from './auth-objects.js';
import { requester, stateName, VM_KIND } from './vm-kind.js';

function vmAndHost(ctx: CallContext, id: number, hostId: number): [VmRec, HostRec] {
  const state = ctx.sim.state;
  const vm = getOr(state.vms.get(id), ctx.method, 'virtual machine', id);
  const host = getOr(state.hosts.get(hostId), ctx.method, 'host', hostId);
  authorize(
    state,
    ctx.method,
    ctx.who,
    [
      ['VM', VM_KIND.auth(vm), OP.ADMIN],
      ['HOST', hostAuth(host), OP.MANAGE],
    ],
    id,
  );
  return [vm, host];
}

/** The capacity check of an enforced placement (oned's "does not fit" text). */
function checkFit(ctx: CallContext, vm: VmRec, host: HostRec): void {
  if (fits(vm, host) || vm.hostId === host.id) return;
  const cpuFree = host.totalCpu - host.cpuUsage;
  const memFree = host.totalMem - host.memUsage;
  const detail =
    Math.round(vm.cpu * 100) > cpuFree
      ? `Not enough CPU: ${Math.round(vm.cpu * 100)}/${cpuFree}`
      : `Not enough memory: ${vm.memory * 1024}/${memFree}`;
  throw fail(
    ONED.ACTION,
    ctx.method,
    `virtual machine [${vm.id}] does not fit in host [${host.id}]. ${detail}`,
    vm.id,
  );
}

function systemDs(ctx: CallContext, vm: VmRec, host: HostRec, dsId: number): DatastoreRec {
  const state = ctx.sim.state;
  if (dsId >= 0) {
    const chosen = getOr(state.datastores.get(dsId), ctx.method, 'datastore', dsId);
    if (chosen.type !== 1 || !chosen.clusters.includes(host.clusterId))
      throw fail(
        ONED.ACTION,
        ctx.method,
        `Datastore [${dsId}] is not a system datastore of cluster ${host.clusterId}.`,
        vm.id,
      );
    return chosen;
  }
  const ds = systemDatastore(state, host.clusterId);
  if (!ds) throw fail(ONED.ACTION, ctx.method, `No system datastore in cluster ${host.clusterId}.`, vm.id);
  return ds;
}

function deploy(ctx: CallContext, id: number, hostId: number, enforce: boolean, dsId: number): number {
  const [vm, host] = vmAndHost(ctx, id, hostId);
  if (![S.PENDING, S.HOLD, S.STOPPED, S.UNDEPLOYED].includes(vm.state))
    throw fail(ONED.ACTION, ctx.method, `Deploy action is not available for state ${stateName(vm)}`, id);
  if (enforce) checkFit(ctx, vm, host);
  ctx.sim.lifecycle.deploy(vm, host, systemDs(ctx, vm, host, dsId).id);
  return id;
}

function migrateSpec(
  ctx: CallContext,
  id: number,
  hostId: number,
  live: boolean,
  enforce: boolean,
  dsId: number,
  type: number,
): number {
  const [vm, host] = vmAndHost(ctx, id, hostId);
  if (!migrationAllowed(vm, live))
    throw fail(ONED.ACTION, ctx.method, `Migrate action is not available for state ${stateName(vm)}`, id);
  const current = vm.history[vm.history.length - 1];
  const ds = dsId >= 0 ? systemDs(ctx, vm, host, dsId) : undefined;
  const targetDs =
    ds?.id ?? (current && host.clusterId === current.cid ? current.dsId : systemDs(ctx, vm, host, -1).id);
  if (current && current.hid === host.id && current.dsId === targetDs)
    throw fail(
      ONED.ACTION,
      ctx.method,
      `VM is already running on host [${host.id}] and datastore [${targetDs}]`,
      id,
    );
  if (vm.clusters !== null && !vm.clusters.includes(host.clusterId))
    throw fail(
      ONED.ACTION,
      ctx.method,
      `Cannot migrate VM [${id}] to host [${host.id}]: the host is in cluster [${host.clusterId}], and the VM requires cluster [${vm.clusters.join(',')}]`,
      id,
    );
  if (live && current && targetDs !== current.dsId)
    throw fail(
      ONED.ACTION,
      ctx.method,
      'A migration to a different system datastore cannot be performed live.',
      id,
    );
  if (enforce) checkFit(ctx, vm, host);
  if (type < 0 || type > 2) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong migration type', id);
  migrate(ctx.sim.lifecycle, vm, { host, dsId: targetDs, live, type }, requester(ctx));
  return id;
}

export const vmPlacementMethods: Record<string, MethodSpec> = {
  'one.vm.deploy': {
    params: 'ii',
    optional: ['b', 'i', 's'],
    handler: (ctx, args) => deploy(ctx, args.int(0), args.int(1), args.bool(2, false), args.int(3, -1)),
  },
  'one.vm.migrate': {
    params: 'iib',
    optional: ['b', 'i', 'i'],
    handler: (ctx, args) =>
      migrateSpec(
        ctx,
        args.int(0),
        args.int(1),
        args.bool(2),
        args.bool(3, false),
        args.int(4, -1),
        args.int(5, 0),
      ),
  },
};
