// Imported VMs: a VM allocated from a template carrying IMPORT_VM_ID (what `onehost importvm` and
// Sunstone's host import_wild send for a wild VM, one a hypervisor runs that OpenNebula did not
// create). oned keeps the id as the VM's DEPLOY_ID and marks its TEMPLATE with IMPORTED="YES",
// submits it on HOLD (the scheduler must not place it: it already runs somewhere), refuses a second
// live VM with the same id, and a deploy of it skips PROLOG and BOOT: it is RUNNING on that host at
// once, and the host's monitoring stops listing it as wild (its TEMPLATE/VM entry goes).
import { hostHistory } from './history.js';
import type { Lifecycle } from './lifecycle.js';
import type { HostRec, VmRec } from './records.js';
import type { Template } from './template.js';
import { allocError, type CreateVmContext } from './vm-devices.js';
import { S } from './vm-codes.js';

/**
 * The IMPORT_VM_ID of a template being allocated (taken out of it: oned keeps it as DEPLOY_ID), or
 * '' for an ordinary VM. A live VM already holding that id refuses the allocation; oned's exact
 * wording for it is not in the reference, so this message is our guess.
 */
export function takeImportId(ctx: CreateVmContext, t: Template): string {
  const id = (t.get('IMPORT_VM_ID') ?? '').trim();
  t.remove('IMPORT_VM_ID');
  if (id === '') return '';
  const twin = ctx.sim.state.vms.find((vm) => vm.state !== S.DONE && vm.deployId === id);
  if (twin) throw allocError(ctx, `Virtual machine ${id} already imported as VM ${twin.id}.`);
  t.set('IMPORTED', 'YES');
  return id;
}

/** Imported and never placed yet: its first deploy just records where it already runs. */
export function awaitsImport(vm: VmRec): boolean {
  return vm.template.get('IMPORTED') === 'YES' && vm.history.length === 0;
}

/** The host's wild VM entries (TEMPLATE/VM) without the one whose DEPLOY_ID is `deployId`. */
export function dropWild(host: HostRec, deployId: string): void {
  const kept = host.template.vectors('VM').filter((v) => v.get('DEPLOY_ID') !== deployId);
  host.template.remove('VM');
  for (const vector of kept) host.template.add({ name: 'VM', vector });
}

/** Deploy of an imported VM: a history record whose prolog and boot took no time, then RUNNING. */
export function deployImported(lifecycle: Lifecycle, vm: VmRec, host: HostRec, dsId: number): void {
  const now = lifecycle.d.now();
  const ds = lifecycle.d.state.datastores.get(dsId);
  lifecycle.pushHistory(vm, {
    ...hostHistory(0, host, { tmMad: ds?.tmMad ?? 'ssh', dsId }, now),
    pstime: now,
    petime: now,
  });
  lifecycle.holdCapacity(vm, host);
  lifecycle.running(vm);
  dropWild(host, vm.deployId);
}
