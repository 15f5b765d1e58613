// VM quota usage per user and per group, counted from the VMs that are not DONE, as oned keeps
// it in VM_QUOTA (reference oned-xmlrpc.md §4.7). oned never accounts oneadmin-group members or
// group 0, so they are left out. RUNNING_* counts VMs that hold or wait for a host.
import type { SimState } from './state.js';
import { S } from './vm-codes.js';
import type { VmUsage } from './xml/quotas.js';

export interface Usage {
  readonly users: Map<number, VmUsage>;
  readonly groups: Map<number, VmUsage>;
}

const RUNNING = new Set<number>([S.PENDING, S.HOLD, S.ACTIVE, S.SUSPENDED]);

function add(map: Map<number, VmUsage>, key: number, cpu: number, memory: number, running: boolean): void {
  let u = map.get(key);
  if (!u) {
    u = { cpu: 0, memory: 0, vms: 0, runningCpu: 0, runningMemory: 0, runningVms: 0 };
    map.set(key, u);
  }
  u.cpu += cpu;
  u.memory += memory;
  u.vms += 1;
  if (running) {
    u.runningCpu += cpu;
    u.runningMemory += memory;
    u.runningVms += 1;
  }
}

/** Usage computed from all VMs, reused until a VM changes (user.info runs at every login). */
export function vmUsage(state: SimState): Usage {
  const cached = state.usageCache;
  if (cached && cached.version === state.vmVersion) return cached.usage;
  const usage = computeUsage(state);
  state.usageCache = { version: state.vmVersion, usage };
  return usage;
}

function computeUsage(state: SimState): Usage {
  const users = new Map<number, VmUsage>();
  const groups = new Map<number, VmUsage>();
  const adminUsers = new Set(
    state.users
      .list()
      .filter((u) => u.groups.includes(0))
      .map((u) => u.id),
  );
  for (const vm of state.vms.list()) {
    if (vm.state === S.DONE) continue;
    const running = RUNNING.has(vm.state);
    if (!adminUsers.has(vm.uid)) add(users, vm.uid, vm.cpu, vm.memory, running);
    if (vm.gid !== 0) add(groups, vm.gid, vm.cpu, vm.memory, running);
  }
  return { users, groups };
}
