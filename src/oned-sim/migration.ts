// VM migration through its LCM states (reference oned-xmlrpc.md §3): a running VM migrates live
// (MIGRATE) or cold (SAVE_MIGRATE, PROLOG_MIGRATE, BOOT_MIGRATE), a powered-off or suspended one
// moves its disks only (PROLOG_MIGRATE_POWEROFF / _SUSPEND), an UNKNOWN one is restarted on the
// new host (PROLOG_MIGRATE_UNKNOWN, BOOT). The old history record closes with the migrate action
// and a new one opens on the target host, which takes the VM's capacity at once.
import { hostHistory } from './history.js';
import { DELAY, type Lifecycle, type Requester } from './lifecycle.js';
import type { HostRec, VmRec } from './records.js';
import { ACTION_NO, L, S } from './vm-codes.js';

export interface MigrationRequest {
  readonly host: HostRec;
  readonly dsId: number;
  readonly live: boolean;
  /** 0 save, 1 poweroff, 2 poweroff-hard. */
  readonly type: number;
}

function actionName(r: MigrationRequest): string {
  if (r.live) return 'live-migrate';
  return r.type === 1 ? 'poweroff-migrate' : r.type === 2 ? 'poweroff-hard-migrate' : 'migrate';
}

/** Whether the VM's state allows this migration (VirtualMachineMigrate). */
export function migrationAllowed(vm: VmRec, live: boolean): boolean {
  const running = vm.state === S.ACTIVE && vm.lcm === L.RUNNING;
  if (live) return running;
  return (
    running ||
    (vm.state === S.ACTIVE && vm.lcm === L.UNKNOWN) ||
    vm.state === S.POWEROFF ||
    vm.state === S.SUSPENDED
  );
}

export function migrate(lc: Lifecycle, vm: VmRec, r: MigrationRequest, who: Requester): void {
  const now = lc.d.now();
  const ds = lc.d.state.datastores.get(r.dsId);
  lc.noteAction(vm, actionName(r), who);
  const prev = lc.lastHistory(vm);
  if (prev) {
    prev.action = ACTION_NO[actionName(r)] ?? 0;
    if (prev.etime === 0) prev.etime = now;
  }
  lc.pushHistory(vm, {
    ...hostHistory((prev?.seq ?? -1) + 1, r.host, { tmMad: ds?.tmMad ?? 'ssh', dsId: r.dsId }, now),
    pstime: r.live ? 0 : now,
  });
  lc.releaseCapacity(vm);
  lc.holdCapacity(vm, r.host);
  const prologDone = (): void => {
    const h = lc.lastHistory(vm);
    if (h) h.petime = lc.d.now();
  };
  const boot = (lcm: number): void => {
    lc.setState(vm, S.ACTIVE, lcm);
    lc.after(vm, DELAY.BOOT, () => lc.running(vm));
  };
  if (vm.state === S.POWEROFF || vm.state === S.SUSPENDED) {
    const back = vm.state;
    lc.setState(vm, S.ACTIVE, back === S.POWEROFF ? L.PROLOG_MIGRATE_POWEROFF : L.PROLOG_MIGRATE_SUSPEND);
    lc.after(vm, DELAY.PROLOG, () => {
      prologDone();
      lc.setState(vm, back);
    });
    return;
  }
  if (vm.lcm === L.UNKNOWN) {
    lc.setState(vm, S.ACTIVE, L.PROLOG_MIGRATE_UNKNOWN);
    lc.after(vm, DELAY.PROLOG, () => {
      prologDone();
      boot(L.BOOT);
    });
    return;
  }
  if (r.live) {
    lc.setState(vm, S.ACTIVE, L.MIGRATE);
    lc.after(vm, DELAY.MIGRATE, () => lc.running(vm));
    return;
  }
  lc.stopMonitoring(vm);
  lc.setState(vm, S.ACTIVE, L.SAVE_MIGRATE);
  lc.after(vm, DELAY.SAVE, () => {
    lc.setState(vm, S.ACTIVE, L.PROLOG_MIGRATE);
    lc.after(vm, DELAY.PROLOG, () => {
      prologDone();
      boot(L.BOOT_MIGRATE);
    });
  });
}
