// The transitions of one.vm.action (reference oned-xmlrpc.md §3.2): which LCM states a VM walks
// through for each action, on the life cycle's timed steps. Legality is in vm-actions.ts.
import { DELAY, type Lifecycle, type Requester } from './lifecycle.js';
import type { VmRec } from './records.js';
import { FAILURE_LCM, L, S } from './vm-codes.js';

/** Performs a legal one.vm.action (check actionRefusal first). */
export function performAction(lc: Lifecycle, vm: VmRec, name: string, who: Requester): void {
  switch (name) {
    case 'terminate':
    case 'terminate-hard':
      return terminate(lc, vm, name, who);
    case 'poweroff':
    case 'poweroff-hard':
      lc.noteAction(vm, name, who);
      return lc.shutdown(vm, L.SHUTDOWN_POWEROFF, () => lc.setState(vm, S.POWEROFF));
    case 'undeploy':
    case 'undeploy-hard': {
      lc.noteAction(vm, name, who);
      const toUndeployed = (): void => lc.epilog(vm, L.EPILOG_UNDEPLOY, () => lc.leaveHost(vm, S.UNDEPLOYED));
      if (vm.state === S.POWEROFF) return toUndeployed();
      return lc.shutdown(vm, L.SHUTDOWN_UNDEPLOY, toUndeployed);
    }
    case 'reboot':
    case 'reboot-hard':
      vm.resched = 0;
      lc.d.state.touchVm(vm);
      return;
    case 'suspend':
      lc.noteAction(vm, name, who);
      lc.stopMonitoring(vm);
      lc.setState(vm, S.ACTIVE, L.SAVE_SUSPEND);
      return lc.after(vm, DELAY.SAVE, () => lc.setState(vm, S.SUSPENDED));
    case 'stop': {
      lc.noteAction(vm, name, who);
      const toStopped = (): void => lc.epilog(vm, L.EPILOG_STOP, () => lc.leaveHost(vm, S.STOPPED));
      if (vm.state === S.SUSPENDED) return toStopped();
      lc.stopMonitoring(vm);
      lc.setState(vm, S.ACTIVE, L.SAVE_STOP);
      return lc.after(vm, DELAY.SAVE, toStopped);
    }
    case 'resume':
      return resume(lc, vm, who);
    case 'hold':
      return lc.setState(vm, S.HOLD);
    case 'release':
      return lc.setState(vm, S.PENDING);
    case 'resched':
    case 'unresched':
      vm.resched = name === 'resched' ? 1 : 0;
      lc.d.state.touchVm(vm);
      return;
  }
}

function resume(lc: Lifecycle, vm: VmRec, who: Requester): void {
  if (vm.state === S.STOPPED || vm.state === S.UNDEPLOYED) {
    // Back to the scheduler; the next deploy runs PROLOG_RESUME / PROLOG_UNDEPLOY.
    return lc.setState(vm, S.PENDING);
  }
  lc.noteAction(vm, 'resume', who);
  const boot =
    vm.state === S.SUSPENDED ? L.BOOT_SUSPENDED : vm.state === S.POWEROFF ? L.BOOT_POWEROFF : L.BOOT_UNKNOWN;
  if (vm.state !== S.ACTIVE) lc.copyHistory(vm);
  lc.setState(vm, S.ACTIVE, boot);
  lc.after(vm, DELAY.BOOT, () => lc.running(vm));
}

function terminate(lc: Lifecycle, vm: VmRec, name: string, who: Requester): void {
  if (vm.state === S.DONE) return;
  if ([S.INIT, S.PENDING, S.HOLD, S.CLONING, S.CLONING_FAILURE].includes(vm.state)) return lc.done(vm);
  lc.noteAction(vm, name, who);
  if (vm.state === S.ACTIVE && FAILURE_LCM.has(vm.lcm)) {
    lc.setState(vm, S.ACTIVE, L.CLEANUP_DELETE);
    return lc.after(vm, DELAY.EPILOG, () => lc.done(vm));
  }
  const toDone = (): void => lc.epilog(vm, L.EPILOG, () => lc.done(vm));
  if (vm.state === S.ACTIVE) return lc.shutdown(vm, L.SHUTDOWN, toDone);
  toDone();
}
