// Seeded VMs: spread over oneadmin, demo and alice, over the hosts and over the states a
// running cloud shows, each written straight into its final state with the history it would have
// (no timers), so 20,000 of them take well under a second.
import { hostHistory } from './history.js';
import { identityOf } from './identity.js';
import type { HistoryRec, HostRec, VmRec } from './records.js';
import { fits, logTime } from './scheduler.js';
import type { Sim } from './sim.js';
import { createVm } from './vm-factory.js';
import { ACTION_NO, L, S } from './vm-codes.js';

const DAY = 86400;

type Plan =
  | 'running'
  | 'poweroff'
  | 'suspended'
  | 'stopped'
  | 'undeployed'
  | 'done'
  | 'hold'
  | 'pending'
  | 'unknown'
  | 'boot-failure';

/** Share of each state in a running cloud (cumulative thresholds). */
const STATE_MIX: ReadonlyArray<readonly [number, Plan]> = [
  [0.6, 'running'],
  [0.7, 'poweroff'],
  [0.73, 'suspended'],
  [0.76, 'stopped'],
  [0.79, 'undeployed'],
  [0.91, 'done'],
  [0.93, 'hold'],
  [0.95, 'pending'],
  [0.98, 'unknown'],
  [1, 'boot-failure'],
];

/** The first VMs are fixed so every seed has the cases guides and tests rely on. */
const FIRST: ReadonlyArray<readonly [number, Plan]> = [
  [0, 'running'],
  [2, 'running'],
  [2, 'poweroff'],
  [3, 'running'],
  [2, 'running'],
  [2, 'pending'],
  [3, 'poweroff'],
  [0, 'done'],
];

/** Templates each owner instantiates. */
const TEMPLATES_OF: Record<number, readonly number[]> = { 0: [0, 1, 2], 2: [0, 1, 3], 3: [0, 1, 4] };

function history(vm: VmRec, host: HostRec, t0: number): HistoryRec {
  return {
    ...hostHistory(0, host, { tmMad: 'ssh', dsId: 0 }, t0),
    pstime: t0,
    petime: t0 + 3,
    rstime: t0 + 5,
  };
}

/** Writes a freshly built (INIT) VM into its planned state, as if it had lived a while. */
function place(sim: Sim, vm: VmRec, plan: Plan, now: number, hostCursor: { next: number }): void {
  const state = sim.state;
  const hosts = state.hosts.list();
  const age = sim.rng.int(600, 60 * DAY);
  vm.stime = now - age;
  const t0 = vm.stime + sim.rng.int(5, 90);
  const t1 = t0 + Math.floor((now - t0) * sim.rng.next());
  const noHost = plan === 'pending' || plan === 'hold';
  let host: HostRec | undefined;
  if (!noHost) {
    for (let k = 0; k < hosts.length && !host; k++) {
      const h = hosts[(hostCursor.next + k) % hosts.length] as HostRec;
      if (fits(vm, h)) host = h;
    }
    hostCursor.next = (hostCursor.next + 1) % Math.max(1, hosts.length);
  }
  if (!host) {
    const pending = plan !== 'hold';
    if (pending)
      vm.userTemplate.set(
        'SCHED_MESSAGE',
        `${logTime(now - sim.rng.int(30, 600))} : No host with enough capacity to deploy the VM`,
      );
    vm.state = vm.prevState = pending ? S.PENDING : S.HOLD;
    if (pending) state.pending.add(vm.id);
    return;
  }
  const h = history(vm, host, t0);
  vm.history.push(h);
  vm.deployId = `one-${vm.id}`;
  const owner = state.users.get(vm.uid);
  const closeBy = (action: string): void => {
    h.action = ACTION_NO[action] ?? 0;
    h.uid = vm.uid;
    h.gid = owner?.gid ?? vm.gid;
    h.reqId = state.nextRequestId();
    h.retime = t1;
  };
  const leave = (): void => {
    h.estime = t1 + 3;
    h.eetime = t1 + 5;
    h.etime = t1 + 5;
  };
  const hold = (): void => {
    host.cpuUsage += Math.round(vm.cpu * 100);
    host.memUsage += vm.memory * 1024;
    host.vms.add(vm.id);
    vm.hostId = host.id;
  };
  let s: number = S.ACTIVE;
  let lcm: number = L.RUNNING;
  switch (plan) {
    case 'running':
      hold();
      vm.lastPoll = now;
      break;
    case 'unknown':
      hold();
      lcm = L.UNKNOWN;
      vm.lastPoll = t1 - (t1 % 30);
      break;
    case 'boot-failure':
      hold();
      lcm = L.BOOT_FAILURE;
      h.rstime = 0;
      vm.deployId = '';
      break;
    case 'poweroff':
      hold();
      closeBy('poweroff');
      s = S.POWEROFF;
      vm.lastPoll = t1 - (t1 % 30);
      break;
    case 'suspended':
      hold();
      closeBy('suspend');
      h.retime = 0;
      s = S.SUSPENDED;
      vm.lastPoll = t1 - (t1 % 30);
      break;
    case 'stopped':
    case 'undeployed':
      closeBy(plan === 'stopped' ? 'stop' : 'undeploy');
      leave();
      s = plan === 'stopped' ? S.STOPPED : S.UNDEPLOYED;
      vm.lastPoll = t1 - (t1 % 30);
      break;
    default:
      closeBy('terminate');
      leave();
      s = S.DONE;
      vm.etime = t1 + 5;
      vm.lastPoll = t1 - (t1 % 30);
  }
  vm.state = vm.prevState = s;
  vm.lcm = vm.prevLcm = s === S.ACTIVE ? lcm : 0;
  if (s === S.DONE) {
    // A terminated VM gives its leases and images back.
    for (const l of vm.leases)
      state.vnets
        .get(l.vnetId)
        ?.ars.find((a) => a.id === l.arId)
        ?.leases.delete(l.index);
    vm.leases = [];
    for (const id of vm.imageIds) {
      const img = state.images.get(id);
      img?.vms.delete(vm.id);
      if (img && img.vms.size === 0) img.state = 1;
    }
  }
}

export function seedVms(sim: Sim, count: number, now: number): void {
  const state = sim.state;
  const admin = identityOf(state, state.users.get(0) as NonNullable<ReturnType<typeof state.users.get>>);
  const cursor = { next: 0 };
  for (let i = 0; i < count; i++) {
    let owner: number;
    let plan: Plan;
    const fixed = FIRST[i];
    if (fixed) [owner, plan] = fixed;
    else {
      const r = sim.rng.next();
      owner = r < 0.2 ? 0 : r < 0.6 ? 2 : 3;
      const p = sim.rng.next();
      plan = STATE_MIX.find(([limit]) => p < limit)?.[1] ?? 'running';
    }
    const user = state.users.get(owner);
    if (!user) continue;
    const tmplId = sim.rng.pick(TEMPLATES_OF[owner] ?? [0]);
    const tmpl = state.templates.get(tmplId);
    if (!tmpl) continue;
    const source = tmpl.template.clone();
    // A VM nothing can host stays PENDING, as in clouds where someone asked for too much.
    if (plan === 'pending') source.set('MEMORY', String(768 * 1024));
    const vm = createVm({ sim, method: 'seed', who: admin }, source, {
      uid: owner,
      gid: user.gid,
      name: `${tmpl.name}-${state.vms.nextId()}`,
      templateId: tmplId,
      noSubmit: true,
    });
    place(sim, vm, plan, now, cursor);
  }
}
