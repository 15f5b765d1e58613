// one.vm.recover's driver outcomes (reference oned-xmlrpc.md §2.4): for a VM waiting on a driver
// operation, `success` finishes the operation now and `failure` stops it in the matching
// *_FAILURE state (or, for operations without one, back where the VM was); from a *_FAILURE
// state `retry` runs the operation again and `success` takes it as done. Stable states ignore
// them, as oned's life-cycle manager does.
import { DELAY, type Lifecycle } from './lifecycle.js';
import type { VmRec } from './records.js';
import { L, S } from './vm-codes.js';

/** Operations with a failure state of their own. */
const FAILURE_OF: ReadonlyMap<number, number> = new Map([
  [L.PROLOG, L.PROLOG_FAILURE],
  [L.BOOT, L.BOOT_FAILURE],
  [L.EPILOG, L.EPILOG_FAILURE],
  [L.EPILOG_STOP, L.EPILOG_STOP_FAILURE],
  [L.EPILOG_UNDEPLOY, L.EPILOG_UNDEPLOY_FAILURE],
  [L.PROLOG_MIGRATE, L.PROLOG_MIGRATE_FAILURE],
  [L.BOOT_MIGRATE, L.BOOT_MIGRATE_FAILURE],
  [L.PROLOG_MIGRATE_POWEROFF, L.PROLOG_MIGRATE_POWEROFF_FAILURE],
  [L.PROLOG_MIGRATE_SUSPEND, L.PROLOG_MIGRATE_SUSPEND_FAILURE],
  [L.BOOT_UNDEPLOY, L.BOOT_UNDEPLOY_FAILURE],
  [L.BOOT_STOPPED, L.BOOT_STOPPED_FAILURE],
  [L.PROLOG_RESUME, L.PROLOG_RESUME_FAILURE],
  [L.PROLOG_UNDEPLOY, L.PROLOG_UNDEPLOY_FAILURE],
  [L.PROLOG_MIGRATE_UNKNOWN, L.PROLOG_MIGRATE_UNKNOWN_FAILURE],
]);
const RETRY_OF: ReadonlyMap<number, number> = new Map([...FAILURE_OF].map(([op, f]) => [f, op]));

export const RECOVER = { FAILURE: 0, SUCCESS: 1, RETRY: 2 } as const;

export function recoverDriver(lc: Lifecycle, vm: VmRec, op: number): void {
  if (vm.state !== S.ACTIVE) return;
  const pending = lc.takeStep(vm);
  if (pending) {
    if (op === RECOVER.SUCCESS) return pending.step();
    if (op === RECOVER.FAILURE) {
      const failure = FAILURE_OF.get(vm.lcm);
      if (failure !== undefined) {
        lc.setFailed(vm, failure, pending.step);
        return lc.setState(vm, S.ACTIVE, failure);
      }
      // Shutdowns, saves, hotplugs, snapshots...: the VM stays as it was before the operation.
      if (pending.rollback) return pending.rollback();
      return lc.setState(vm, S.ACTIVE, L.RUNNING);
    }
    // Retry while the operation runs: it simply goes on.
    return lc.after(vm, 0, pending.step, pending.rollback);
  }
  const failed = lc.takeFailed(vm);
  if (!failed || failed.lcm !== vm.lcm) return;
  if (op === RECOVER.SUCCESS) return failed.step();
  if (op === RECOVER.RETRY) {
    lc.setState(vm, S.ACTIVE, RETRY_OF.get(vm.lcm) ?? vm.lcm);
    return lc.after(vm, DELAY.PROLOG, failed.step);
  }
  lc.setFailed(vm, failed.lcm, failed.step);
}
