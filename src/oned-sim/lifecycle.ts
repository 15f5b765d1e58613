// The VM life cycle (reference oned-xmlrpc.md §3): which one.vm.action is legal in which state,
// and the timed walk through the intermediate LCM states (PROLOG, BOOT, SHUTDOWN_*, SAVE_*,
// EPILOG_*) to the stable ones, with host capacity, history records, leases and ETIME kept as oned
// keeps them. Calls return as soon as the preconditions pass; the rest happens on the timeline.
import { releaseLease } from './address.js';
import { hostHistory, openedAt } from './history.js';
import { VM_INTERVAL } from './monitoring.js';
import type { HistoryRec, HostRec, VmRec } from './records.js';
import type { SimState } from './state.js';
import type { Timeline } from './timeline.js';
import { ACTION_NO, L, S } from './vm-codes.js';
import { awaitsImport, deployImported } from './vm-import.js';

/** History records kept per VM. */
export const MAX_HISTORY = 64;

/** Base durations (ms at speed 1) of the driver operations. */
export const DELAY = {
  PROLOG: 3000,
  BOOT: 2000,
  SHUTDOWN: 3000,
  SAVE: 3000,
  EPILOG: 2000,
  HOTPLUG: 1500,
  MIGRATE: 3000,
} as const;

/** Who asked, as history records note it. */
export interface Requester {
  readonly uid: number;
  readonly gid: number;
  readonly reqId: number;
}

export interface PendingStep {
  readonly step: () => void;
  readonly rollback?: () => void;
}

export interface LifecycleDeps {
  readonly state: SimState;
  readonly timeline: Timeline;
  /** Epoch seconds. */
  now(): number;
  /** A VM became PENDING, or a host freed capacity. */
  wakeScheduler(): void;
}

export class Lifecycle {
  /** The step each VM waits for (what happens when its driver operation succeeds), so
   * one.vm.recover can complete it now, fail it, or retry it. One entry per VM at most. */
  private readonly steps = new Map<number, PendingStep>();
  /** Steps of VMs left in a *_FAILURE (or rolled-back) state by recover-failure, for retry. */
  private readonly failed = new Map<number, { readonly lcm: number; readonly step: () => void }>();

  constructor(readonly d: LifecycleDeps) {}

  private key(vm: VmRec): string {
    return `vm:${vm.id}`;
  }

  /** Runs `fn` when the VM's current driver operation ends (after `ms`, scaled); `rollback` is
   * where a failed operation leaves it when it has no failure state of its own. */
  after(vm: VmRec, ms: number, fn: () => void, rollback?: () => void): void {
    this.steps.set(vm.id, rollback ? { step: fn, rollback } : { step: fn });
    this.d.timeline.defer(this.key(vm), ms, () => {
      this.steps.delete(vm.id);
      fn();
    });
  }

  /** The step the VM waits for, taken away (its timer cancelled), or undefined. */
  takeStep(vm: VmRec): PendingStep | undefined {
    const step = this.steps.get(vm.id);
    this.steps.delete(vm.id);
    this.d.timeline.cancel(this.key(vm));
    return step;
  }

  /** Remembers a failed step for recover retry/success. */
  setFailed(vm: VmRec, lcm: number, step: () => void): void {
    this.failed.set(vm.id, { lcm, step });
  }

  takeFailed(vm: VmRec): { readonly lcm: number; readonly step: () => void } | undefined {
    const f = this.failed.get(vm.id);
    this.failed.delete(vm.id);
    return f;
  }

  /**
   * A short driver operation on a VM that is RUNNING, POWEROFF, SUSPENDED or UNDEPLOYED (hotplug,
   * snapshots, resize, backup...): ACTIVE/`lcm` while it runs, then `finish` and back where it was.
   */
  busy(vm: VmRec, lcm: number, finish: () => void, ms: number = DELAY.HOTPLUG): void {
    const [state, was] = [vm.state, vm.lcm];
    this.setState(vm, S.ACTIVE, lcm);
    this.after(
      vm,
      ms,
      () => {
        finish();
        this.setState(vm, state, was);
      },
      () => this.setState(vm, state, was),
    );
  }

  /** Moves the VM to (state, lcm), keeping PREV_* and the scheduler's queue in step. oned copies
   * the state into PREV_* when it stores the VM, so stored documents show them equal (samples:
   * a RUNNING VM has PREV_STATE 3 / PREV_LCM_STATE 3, a powered-off one 8 / 0). */
  setState(vm: VmRec, state: number, lcm = 0): void {
    vm.state = state;
    vm.lcm = state === S.ACTIVE ? lcm : 0;
    vm.prevState = vm.state;
    vm.prevLcm = vm.lcm;
    if (state === S.PENDING) {
      this.d.state.pending.add(vm.id);
      this.d.wakeScheduler();
    } else this.d.state.pending.delete(vm.id);
    this.d.state.touchVm(vm);
  }

  /** Keeps at most MAX_HISTORY records per VM (the oldest go), so a VM cycled for days stays small. */
  pushHistory(vm: VmRec, h: HistoryRec): void {
    vm.history.push(h);
    if (vm.history.length > MAX_HISTORY) vm.history.splice(0, vm.history.length - MAX_HISTORY);
    this.d.state.touchVm(vm);
  }

  lastHistory(vm: VmRec): HistoryRec | undefined {
    return vm.history[vm.history.length - 1];
  }

  noteAction(vm: VmRec, name: string, who: Requester): void {
    const h = this.lastHistory(vm);
    if (!h) return;
    h.action = ACTION_NO[name] ?? 0;
    h.uid = who.uid;
    h.gid = who.gid;
    h.reqId = who.reqId;
  }

  holdCapacity(vm: VmRec, host: HostRec): void {
    host.cpuUsage += Math.round(vm.cpu * 100);
    host.memUsage += vm.memory * 1024;
    host.vms.add(vm.id);
    vm.hostId = host.id;
  }

  /** Gives the host's capacity back (DONE, STOPPED, UNDEPLOYED) and lets the scheduler retry. */
  releaseCapacity(vm: VmRec): void {
    const host = this.d.state.hosts.get(vm.hostId);
    if (host && host.vms.delete(vm.id)) {
      host.cpuUsage = Math.max(0, host.cpuUsage - Math.round(vm.cpu * 100));
      host.memUsage = Math.max(0, host.memUsage - vm.memory * 1024);
    }
    vm.hostId = -1;
    if (this.d.state.pending.size > 0) this.d.wakeScheduler();
  }

  closeHistory(vm: VmRec): void {
    const h = this.lastHistory(vm);
    if (h && h.etime === 0) h.etime = this.d.now();
  }

  running(vm: VmRec): void {
    const now = this.d.now();
    const h = this.lastHistory(vm);
    if (h) h.rstime = now;
    if (vm.deployId === '') vm.deployId = `one-${vm.id}`;
    vm.lastPoll = now;
    this.setState(vm, S.ACTIVE, L.RUNNING);
  }

  /** Leaves RUNNING: the last monitoring sample stays as it was. */
  stopMonitoring(vm: VmRec): void {
    const now = this.d.now();
    if (vm.lastPoll > 0) vm.lastPoll = Math.max(vm.lastPoll, now - (now % VM_INTERVAL));
  }

  /** Places the VM on the host: PROLOG (or PROLOG_RESUME / PROLOG_UNDEPLOY), BOOT*, RUNNING; an
   * imported VM straight to RUNNING (vm-import.ts). */
  deploy(vm: VmRec, host: HostRec, dsId: number): void {
    // An imported VM already runs there: nothing to copy or boot.
    if (awaitsImport(vm)) return deployImported(this, vm, host, dsId);
    const now = this.d.now();
    // Coming back from stop or undeploy (directly, or resumed to PENDING) restores the saved
    // disks: PROLOG_RESUME / PROLOG_UNDEPLOY, as oned decides from the previous history action.
    const last = this.lastHistory(vm);
    const closedBy = last && last.etime !== 0 ? last.action : -1;
    const stopped = vm.state === S.STOPPED || closedBy === ACTION_NO.stop;
    const undeployed =
      vm.state === S.UNDEPLOYED || closedBy === ACTION_NO.undeploy || closedBy === ACTION_NO['undeploy-hard'];
    const [prolog, boot] = stopped
      ? [L.PROLOG_RESUME, L.BOOT_STOPPED]
      : undeployed
        ? [L.PROLOG_UNDEPLOY, L.BOOT_UNDEPLOY]
        : [L.PROLOG, L.BOOT];
    const ds = this.d.state.datastores.get(dsId);
    this.pushHistory(vm, {
      ...hostHistory((this.lastHistory(vm)?.seq ?? -1) + 1, host, { tmMad: ds?.tmMad ?? 'ssh', dsId }, now),
      pstime: now,
    });
    if (vm.userTemplate.has('SCHED_MESSAGE')) vm.userTemplate.set('SCHED_MESSAGE', '');
    this.holdCapacity(vm, host);
    this.setState(vm, S.ACTIVE, prolog);
    this.after(vm, DELAY.PROLOG, () => {
      const h = this.lastHistory(vm);
      if (h) h.petime = this.d.now();
      this.setState(vm, S.ACTIVE, boot);
      this.after(vm, DELAY.BOOT, () => this.running(vm));
    });
  }

  /** one.vm.recover(id, 3): the VM is deleted whatever its state. */
  forceDone(vm: VmRec): void {
    this.takeStep(vm);
    this.failed.delete(vm.id);
    if (vm.state !== S.DONE) this.done(vm);
  }

  /** The VM is gone: DONE, leases and images released, host capacity freed. */
  done(vm: VmRec): void {
    const now = this.d.now();
    const h = this.lastHistory(vm);
    if (h) {
      if (h.estime !== 0 && h.eetime === 0) h.eetime = now;
      if (h.etime === 0) h.etime = now;
    }
    vm.etime = now;
    this.stopMonitoring(vm);
    this.releaseCapacity(vm);
    for (const l of vm.leases) releaseLease(this.d.state.vnets.get(l.vnetId), l.arId, l.index);
    vm.leases = [];
    for (const id of vm.imageIds) {
      const img = this.d.state.images.get(id);
      if (img) {
        img.vms.delete(vm.id);
        if (img.vms.size === 0 && (img.state === 2 || img.state === 8)) img.state = 1;
      }
    }
    this.setState(vm, S.DONE);
  }

  /** EPILOG (or EPILOG_STOP / EPILOG_UNDEPLOY) then the final state. */
  epilog(vm: VmRec, lcm: number, finish: () => void): void {
    const h = this.lastHistory(vm);
    if (h) h.estime = this.d.now();
    this.setState(vm, S.ACTIVE, lcm);
    this.after(vm, DELAY.EPILOG, () => {
      const last = this.lastHistory(vm);
      if (last) last.eetime = this.d.now();
      finish();
    });
  }

  /** Shuts the guest down (its RETIME is set when it is off), then `next`. */
  shutdown(vm: VmRec, lcm: number, next: () => void): void {
    this.stopMonitoring(vm);
    this.setState(vm, S.ACTIVE, lcm);
    this.after(vm, DELAY.SHUTDOWN, () => {
      const h = this.lastHistory(vm);
      if (h) h.retime = this.d.now();
      next();
    });
  }

  leaveHost(vm: VmRec, finalState: number): void {
    this.closeHistory(vm);
    this.releaseCapacity(vm);
    this.setState(vm, finalState);
  }

  /** A new history record on the same host (resume after poweroff or suspend). */
  copyHistory(vm: VmRec): void {
    const h = this.lastHistory(vm);
    if (!h) return;
    const now = this.d.now();
    if (h.etime === 0) h.etime = now;
    this.pushHistory(vm, { ...h, ...openedAt(now), seq: h.seq + 1 });
  }
}
