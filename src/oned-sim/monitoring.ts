// Monitoring samples, as the probes of a real host would report them every interval. Figures are
// a pure function of (seed, object id, sample time), so they are stable between calls and cost
// nothing to keep: nothing is stored but each VM's last poll time.
import { hashInts } from './prng.js';
import type { HostRec, VmRec } from './records.js';
import { cel } from './xml/text.js';

/** oned's default monitoring periods (seconds). */
export const VM_INTERVAL = 30;
export const HOST_INTERVAL = 60;

const ACTIVE = 3;
const RUNNING = 3;

/** The time of the VM's latest sample, 0 when it was never monitored. */
export function vmPollTime(vm: VmRec, now: number): number {
  if (vm.state === ACTIVE && vm.lcm === RUNNING && vm.lastPoll > 0)
    return Math.max(vm.lastPoll, now - (now % VM_INTERVAL));
  return vm.lastPoll;
}

/** Sample times, oldest first, at most `max` ending at the latest sample (never before boot). */
export function vmSampleTimes(vm: VmRec, now: number, max: number): number[] {
  const last = vmPollTime(vm, now);
  if (last === 0) return [];
  const boot = vm.history[vm.history.length - 1]?.rstime || last;
  const out: number[] = [];
  for (let t = last; out.length < max && t >= boot; t -= VM_INTERVAL) out.unshift(t);
  return out.length > 0 ? out : [last];
}

/** The body of one VM <MONITORING> record at time t (attributes sorted, CDATA). */
export function vmSample(seed: number, vm: VmRec, t: number): string {
  const h = hashInts(seed, vm.id, t);
  const base = hashInts(seed, vm.id);
  const since = Math.max(0, t - (vm.history[vm.history.length - 1]?.rstime || t));
  const cpu = ((h % 900) / 10) * Math.max(vm.cpu, 0.1);
  const mem = Math.floor(vm.memory * 1024 * (0.35 + (h % 60) / 100));
  const rate = 200 + (base % 5000);
  return (
    cel('CPU', Math.round(cpu * 10) / 10) +
    cel('DISKRDBYTES', since * (rate * 3) + (h % 1000)) +
    cel('DISKRDIOPS', Math.floor(since / 2) + (h % 100)) +
    cel('DISKWRBYTES', since * (rate * 2) + (h % 1000)) +
    cel('DISKWRIOPS', Math.floor(since / 3) + (h % 100)) +
    cel('ID', vm.id) +
    cel('MEMORY', mem) +
    cel('NETRX', since * rate + (h % 500)) +
    cel('NETTX', since * Math.floor(rate / 2) + (h % 500)) +
    cel('TIMESTAMP', t)
  );
}

export function hostSampleTimes(now: number, count: number): number[] {
  const last = now - (now % HOST_INTERVAL);
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(last - i * HOST_INTERVAL);
  return out;
}

/** Per NUMA node: free huge pages and memory, as the probes report them (same layout as HOST_SHARE). */
function numaSample(host: HostRec, usedMem: number): string {
  const nodes = numaNodeCount(host);
  let s = '';
  for (let n = 0; n < nodes; n++) {
    const total = Math.floor(host.totalMem / nodes);
    const used = Math.min(total, Math.floor(usedMem / nodes));
    s +=
      `<NUMA_NODE><HUGEPAGE>${cel('FREE', 0)}${cel('SIZE', 2048)}</HUGEPAGE><HUGEPAGE>${cel('FREE', 0)}${cel('SIZE', 1048576)}</HUGEPAGE>` +
      `<MEMORY>${cel('FREE', total - used)}${cel('USED', used)}</MEMORY>${cel('NODE_ID', n)}</NUMA_NODE>`;
  }
  return s;
}

/** One NUMA node per 32 cores. */
export function numaNodeCount(host: HostRec): number {
  return Math.max(1, Math.ceil(Math.max(1, Math.round(host.totalCpu / 100)) / 32));
}

/** The body of one HOST <MONITORING> record at time t. */
export function hostSample(seed: number, host: HostRec, t: number): string {
  const h = hashInts(seed, 1_000_000 + host.id, t);
  const usedCpu = Math.min(host.totalCpu, Math.floor(host.cpuUsage * (0.3 + (h % 50) / 100) + 20 + (h % 40)));
  const usedMem = Math.min(host.totalMem, Math.floor(host.memUsage * (0.5 + (h % 40) / 100) + 1048576));
  const uptime = Math.max(0, t - 1_600_000_000);
  return (
    `<TIMESTAMP>${t}</TIMESTAMP><ID>${host.id}</ID>` +
    `<CAPACITY>${cel('FREE_CPU', host.totalCpu - usedCpu)}${cel('FREE_MEMORY', host.totalMem - usedMem)}` +
    `${cel('USED_CPU', usedCpu)}${cel('USED_MEMORY', usedMem)}</CAPACITY>` +
    `<SYSTEM>${cel('NETRX', uptime * (3000 + (h % 977)))}${cel('NETTX', uptime * (2000 + (h % 613)))}</SYSTEM>` +
    numaSample(host, usedMem)
  );
}
