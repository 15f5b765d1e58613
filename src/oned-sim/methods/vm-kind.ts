// The VM kind and what every VM method shares: its document, the requester that history records
// note, and oned's "wrong state" refusals (reference oned-xmlrpc.md §2.4, §3).
import { vmStateName } from '../../one/vm-states.js';
import { fail, type CallContext } from '../call.js';
import { ONED } from '../errors.js';
import type { Requester } from '../lifecycle.js';
import { vmPollTime, vmSample } from '../monitoring.js';
import type { VmRec } from '../records.js';
import type { Vector } from '../template.js';
import { L, S } from '../vm-codes.js';
import { vmFullXml } from '../xml/vm.js';
import { ownedKind } from './common.js';

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

export function requester(ctx: CallContext): Requester {
  return { uid: ctx.who.uid, gid: ctx.who.gid, reqId: ctx.reqId };
}

export function stateName(vm: VmRec): string {
  return vmStateName(vm.state, vm.lcm);
}

export const isRunning = (vm: VmRec): boolean => vm.state === S.ACTIVE && vm.lcm === L.RUNNING;

/** oned's ACTION failure for a VM in the wrong state: `text` names what could not be done. */
export function wrongState(ctx: CallContext, vm: VmRec, text: string): Error {
  return fail(ONED.ACTION, ctx.method, `${text}, wrong state ${stateName(vm)}.`, vm.id);
}

/** The VM's DISK with that DISK_ID. */
export function findDisk(vm: VmRec, diskId: number): Vector | undefined {
  return vm.template.vectors('DISK').find((d) => d.get('DISK_ID') === String(diskId));
}

/** The VM's NIC with that NIC_ID. */
export function findNic(vm: VmRec, nicId: number): Vector | undefined {
  return vm.template.vectors('NIC').find((n) => n.get('NIC_ID') === String(nicId));
}

/** Removes one vector (by identity) from the VM's template. */
export function removeVector(vm: VmRec, name: string, v: Vector): void {
  const keep = vm.template.vectors(name).filter((x) => x !== v);
  vm.template.remove(name);
  for (const x of keep) vm.template.add({ name, vector: x });
}
