// Quota usage per user and per group, as oned keeps it (reference oned-xmlrpc.md §4.7): VM usage
// counted from the VMs that are not DONE (RUNNING_* from those that hold or wait for a host),
// datastore usage from the images each owns, network usage from the leases of their VMs and image
// usage (RVMS) from the VMs using each image. oned never accounts oneadmin-group users, nor group
// 0, so they are left out. Computed from everything at once and reused until a VM or an image
// changes (the state's usage version).
import type { SimState } from './state.js';
import { S } from './vm-codes.js';
import type { OwnerUsage, VmUsage } from './xml/quotas.js';

export interface Usage {
  readonly users: Map<number, OwnerUsage>;
  readonly groups: Map<number, OwnerUsage>;
}

const RUNNING = new Set<number>([S.PENDING, S.HOLD, S.ACTIVE, S.SUSPENDED]);

function owner(map: Map<number, OwnerUsage>, key: number): OwnerUsage {
  let u = map.get(key);
  if (!u) {
    u = { vm: null, datastores: new Map(), networks: new Map(), images: new Map() };
    map.set(key, u);
  }
  return u;
}

function addVm(u: OwnerUsage, cpu: number, memory: number, running: boolean): void {
  const vm: VmUsage = (u.vm ??= {
    cpu: 0,
    memory: 0,
    vms: 0,
    runningCpu: 0,
    runningMemory: 0,
    runningVms: 0,
  });
  vm.cpu += cpu;
  vm.memory += memory;
  vm.vms += 1;
  if (running) {
    vm.runningCpu += cpu;
    vm.runningMemory += memory;
    vm.runningVms += 1;
  }
}

function bump(map: Map<number, number>, key: number, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Usage computed from all objects, reused until a VM or an image changes. */
export function quotaUsage(state: SimState): Usage {
  const cached = state.usageCache;
  if (cached && cached.version === state.vmVersion) return cached.usage;
  const usage = computeUsage(state);
  state.usageCache = { version: state.vmVersion, usage };
  return usage;
}

function computeUsage(state: SimState): Usage {
  const users = new Map<number, OwnerUsage>();
  const groups = new Map<number, OwnerUsage>();
  const adminUsers = new Set(
    state.users
      .list()
      .filter((u) => u.groups.includes(0))
      .map((u) => u.id),
  );
  const each = (uid: number, gid: number, fn: (u: OwnerUsage) => void): void => {
    if (!adminUsers.has(uid)) fn(owner(users, uid));
    if (gid !== 0) fn(owner(groups, gid));
  };
  for (const vm of state.vms.list()) {
    if (vm.state === S.DONE) continue;
    const running = RUNNING.has(vm.state);
    each(vm.uid, vm.gid, (u) => {
      addVm(u, vm.cpu, vm.memory, running);
      for (const l of vm.leases) bump(u.networks, l.vnetId);
      for (const img of vm.imageIds) bump(u.images, img);
    });
  }
  for (const img of state.images.list())
    each(img.uid, img.gid, (u) => {
      const ds = u.datastores.get(img.datastoreId) ?? { images: 0, size: 0 };
      ds.images += 1;
      ds.size += img.size;
      u.datastores.set(img.datastoreId, ds);
    });
  return { users, groups };
}
