// A tiny stand-in for oned's scheduler: a short while after a VM becomes PENDING (not HOLD), it is
// deployed on the first enabled host, in id order, that has room for its CPU and memory and is in
// a cluster its networks allow; the system datastore is the first one of that cluster. VMs that
// fit nowhere keep waiting with oned's SCHED_MESSAGE and are retried when capacity is freed.
import type { Lifecycle } from './lifecycle.js';
import type { DatastoreRec, HostRec, VmRec } from './records.js';
import type { SimState } from './state.js';
import type { Timeline } from './timeline.js';
import { S } from './vm-codes.js';

/** Base delay (ms at speed 1) between a VM becoming PENDING and the scheduler placing it. */
export const SCHED_DELAY = 2000;
const MONITORED = 2;
const KEY = 'scheduler';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** asctime()-style UTC time, as oned stamps scheduler messages: "Thu Nov 20 12:00:00 2025". */
export function logTime(sec: number): string {
  const d = new Date(sec * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export interface SchedulerDeps {
  readonly state: SimState;
  readonly timeline: Timeline;
  readonly enabled: boolean;
  now(): number;
}

export function fits(vm: VmRec, host: HostRec): boolean {
  return (
    host.cpuUsage + Math.round(vm.cpu * 100) <= host.totalCpu &&
    host.memUsage + vm.memory * 1024 <= host.totalMem
  );
}

export function systemDatastore(state: SimState, clusterId: number): DatastoreRec | undefined {
  return state.datastores.find((d) => d.type === 1 && d.state === 0 && d.clusters.includes(clusterId));
}

export class Scheduler {
  private lifecycle: Lifecycle | null = null;

  constructor(private readonly d: SchedulerDeps) {}

  attach(lifecycle: Lifecycle): void {
    this.lifecycle = lifecycle;
  }

  /** Asks for a pass soon (at once in instant mode); repeated wakes share one pass. */
  wake(): void {
    if (!this.d.enabled || this.d.timeline.pending(KEY)) return;
    this.d.timeline.defer(KEY, SCHED_DELAY, () => this.pass());
  }

  pass(): void {
    const lifecycle = this.lifecycle;
    if (!lifecycle) return;
    const state = this.d.state;
    for (const id of [...state.pending].sort((a, b) => a - b)) {
      const vm = state.vms.get(id);
      if (!vm || vm.state !== S.PENDING) {
        state.pending.delete(id);
        continue;
      }
      const host = state.hosts.find(
        (h) =>
          h.state === MONITORED && (vm.clusters === null || vm.clusters.includes(h.clusterId)) && fits(vm, h),
      );
      const ds = host && systemDatastore(state, host.clusterId);
      if (host && ds) {
        lifecycle.deploy(vm, host, ds.id);
      } else if (!vm.userTemplate.get('SCHED_MESSAGE')) {
        vm.userTemplate.set(
          'SCHED_MESSAGE',
          `${logTime(this.d.now())} : No host with enough capacity to deploy the VM`,
        );
        state.touchVm(vm);
      }
    }
  }
}
