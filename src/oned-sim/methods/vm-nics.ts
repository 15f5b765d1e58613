// A VM's network interfaces (reference oned-xmlrpc.md §2.4): attachnic and detachnic (RUNNING:
// HOTPLUG_NIC; POWEROFF: HOTPLUG_NIC_POWEROFF; not yet deployed, stopped or undeployed VMs change
// at once), updatenic (the QoS attributes) and the security groups of a NIC (attachsg/detachsg).
import { releaseLease } from '../address.js';
import { authorize, OP } from '../authz.js';
import { fail, getOr, type CallContext, type MethodSpec } from '../call.js';
import { ONED } from '../errors.js';
import type { VmRec } from '../records.js';
import type { Vector } from '../template.js';
import { expandNic, nicNetwork } from '../vm-devices.js';
import { L, S } from '../vm-codes.js';
import { fetchAuthorized, parseOrFail } from './common.js';
import { findNic, isRunning, removeVector, requester, VM_KIND, wrongState } from './vm-kind.js';

/** States where a NIC changes without a driver (the VM holds no running guest). */
const COLD = new Set<number>([
  S.INIT,
  S.PENDING,
  S.HOLD,
  S.STOPPED,
  S.UNDEPLOYED,
  S.CLONING,
  S.CLONING_FAILURE,
]);
/** NIC attributes updatenic may change (the QoS ones). */
const QOS = /^(INBOUND|OUTBOUND)_(AVG|PEAK)_(BW|KB)$/;

/** Runs `change` as oned would for this state: a hotplug, at once, or refused (null lcm). */
function nicChange(ctx: CallContext, vm: VmRec, refusal: string, change: () => void): void {
  if (isRunning(vm)) return ctx.sim.lifecycle.busy(vm, L.HOTPLUG_NIC, change);
  if (vm.state === S.POWEROFF) return ctx.sim.lifecycle.busy(vm, L.HOTPLUG_NIC_POWEROFF, change);
  if (!COLD.has(vm.state)) throw wrongState(ctx, vm, refusal);
  change();
  ctx.sim.state.touchVm(vm);
}

function nicOf(ctx: CallContext, vm: VmRec, nicId: number): Vector {
  const nic = findNic(vm, nicId);
  if (!nic) throw fail(ONED.ACTION, ctx.method, `Could not find an NIC with NIC_ID ${nicId}.`, vm.id);
  return nic;
}

function attachNic(ctx: CallContext, id: number, text: string): number {
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const refusal = `Could not add a new NIC to VM ${id}`;
  if (!isRunning(vm) && vm.state !== S.POWEROFF && !COLD.has(vm.state)) throw wrongState(ctx, vm, refusal);
  const nic = parseOrFail(ctx.method, text).vector('NIC');
  if (!nic) throw fail(ONED.ACTION, ctx.method, 'No NIC attribute in the template.', id);
  const dctx = { ...ctx, deviceError: (detail: string) => fail(ONED.ACTION, ctx.method, detail, id) };
  const vnet = nicNetwork(dctx, nic, vm.uid);
  const host = ctx.sim.state.hosts.get(vm.hostId);
  if (host && !vnet.clusters.includes(host.clusterId))
    throw fail(
      ONED.ACTION,
      ctx.method,
      `Network ${vnet.id} is not in cluster ${host.clusterId} of host ${host.id}, where the VM runs.`,
      id,
    );
  const nicId = vm.template
    .vectors('NIC')
    .reduce((m, n) => Math.max(m, Number(n.get('NIC_ID') ?? -1) + 1), 0);
  const made = expandNic(dctx, nic, vnet, vm.id, nicId);
  vm.leases = [...vm.leases, made.lease];
  ctx.sim.lifecycle.noteAction(vm, 'nic-attach', requester(ctx));
  nicChange(ctx, vm, refusal, () => vm.template.add({ name: 'NIC', vector: made.vector }));
  return id;
}

function detachNic(ctx: CallContext, id: number, nicId: number): number {
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const refusal = `Could not detach NIC from VM ${id}`;
  if (!isRunning(vm) && vm.state !== S.POWEROFF && !COLD.has(vm.state)) throw wrongState(ctx, vm, refusal);
  const nic = nicOf(ctx, vm, nicId);
  ctx.sim.lifecycle.noteAction(vm, 'nic-detach', requester(ctx));
  nicChange(ctx, vm, refusal, () => {
    removeVector(vm, 'NIC', nic);
    const vnetId = Number(nic.get('NETWORK_ID') ?? -1);
    const arId = Number(nic.get('AR_ID') ?? -1);
    const mine = vm.leases.find((l) => l.vnetId === vnetId && l.arId === arId);
    if (mine) {
      releaseLease(ctx.sim.state.vnets.get(vnetId), mine.arId, mine.index);
      vm.leases = vm.leases.filter((l) => l !== mine);
    }
  });
  return id;
}

function updateNic(ctx: CallContext, id: number, nicId: number, text: string, type: number): number {
  if (type !== 0 && type !== 1) throw fail(ONED.XML_RPC_API, ctx.method, 'Wrong update type');
  const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
  const refusal = `Could not update NIC of VM ${id}`;
  if (!isRunning(vm) && vm.state !== S.POWEROFF && !COLD.has(vm.state)) throw wrongState(ctx, vm, refusal);
  const nic = nicOf(ctx, vm, nicId);
  const t = parseOrFail(ctx.method, text);
  const given =
    t.vector('NIC') ??
    new Map(t.attrs.filter((a) => a.value !== undefined).map((a) => [a.name, a.value as string]));
  const bad = [...given.keys()].find((k) => !QOS.test(k));
  if (bad !== undefined)
    throw fail(ONED.ACTION, ctx.method, `Attribute ${bad} cannot be updated in a NIC`, id);
  ctx.sim.lifecycle.noteAction(vm, 'nic-update', requester(ctx));
  nicChange(ctx, vm, refusal, () => {
    if (type === 0) for (const k of [...nic.keys()]) if (QOS.test(k)) nic.delete(k);
    for (const [k, v] of given) nic.set(k, v);
  });
  return id;
}

function securityGroup(op: 'attach' | 'detach'): MethodSpec {
  return {
    params: 'iii',
    handler: (ctx, args) => {
      const [id, nicId, sgId] = [args.int(0), args.int(1), args.int(2)];
      const vm = fetchAuthorized(ctx, VM_KIND, id, OP.MANAGE);
      const sg = getOr(ctx.sim.state.secgroups.get(sgId), ctx.method, 'security group', sgId);
      authorize(
        ctx.sim.state,
        ctx.method,
        ctx.who,
        [['SECGROUP', { id: sg.id, uid: sg.uid, gid: sg.gid, perms: sg.perms, lock: sg.lock }, OP.USE]],
        id,
      );
      const refusal = `Could not ${op} security group ${sgId} to VM ${id}`;
      if (!isRunning(vm) && vm.state !== S.POWEROFF && !COLD.has(vm.state))
        throw wrongState(ctx, vm, refusal);
      const nic = nicOf(ctx, vm, nicId);
      const list = (nic.get('SECURITY_GROUPS') ?? '').split(',').filter((x) => x !== '');
      const has = list.includes(String(sgId));
      if (op === 'attach' && has)
        throw fail(ONED.ACTION, ctx.method, `Security group ${sgId} is already attached to NIC ${nicId}`, id);
      if (op === 'detach' && !has)
        throw fail(ONED.ACTION, ctx.method, `Security group ${sgId} is not attached to NIC ${nicId}`, id);
      ctx.sim.lifecycle.noteAction(vm, op === 'attach' ? 'sg-attach' : 'sg-detach', requester(ctx));
      nicChange(ctx, vm, refusal, () => {
        const next = op === 'attach' ? [...list, String(sgId)] : list.filter((x) => x !== String(sgId));
        if (next.length > 0) nic.set('SECURITY_GROUPS', next.join(','));
        else nic.delete('SECURITY_GROUPS');
      });
      return id;
    },
  };
}

export const vmNicMethods: Record<string, MethodSpec> = {
  'one.vm.attachnic': { params: 'is', handler: (ctx, args) => attachNic(ctx, args.int(0), args.str(1)) },
  'one.vm.detachnic': { params: 'ii', handler: (ctx, args) => detachNic(ctx, args.int(0), args.int(1)) },
  'one.vm.updatenic': {
    params: 'iis',
    optional: ['i'],
    handler: (ctx, args) => updateNic(ctx, args.int(0), args.int(1), args.str(2), args.int(3, 0)),
  },
  'one.vm.attachsg': securityGroup('attach'),
  'one.vm.detachsg': securityGroup('detach'),
};
