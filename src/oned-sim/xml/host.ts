// HOST documents (reference oned-xmlrpc.md §4.3; oned-samples host_info_0, hostpool_info):
// ID, NAME, STATE, PREV_STATE, IM_MAD, VM_MAD, CLUSTER_ID, CLUSTER, HOST_SHARE, VMS, TEMPLATE,
// MONITORING. one.host.info carries the last monitoring sample; the pool dump an empty
// <MONITORING/>, as a real oned's does.
import { numaNodeCount } from '../monitoring.js';
import type { HostRec } from '../records.js';
import type { SimState } from '../state.js';
import { cel, el, ids } from './text.js';

/** One NUMA node per 32 cores, one thread per core, memory split evenly. */
function numaNodes(h: HostRec): string {
  const key = `${h.totalCpu}/${h.totalMem}`;
  if (h.numaCache?.key !== key) h.numaCache = { key, xml: buildNuma(h) };
  return h.numaCache.xml;
}

function buildNuma(h: HostRec): string {
  const cores = Math.max(1, Math.round(h.totalCpu / 100));
  const nodes = numaNodeCount(h);
  const per = Math.ceil(cores / nodes);
  let s = '<NUMA_NODES>';
  for (let n = 0; n < nodes; n++) {
    s += '<NODE>';
    for (let c = n * per; c < Math.min(cores, (n + 1) * per); c++)
      s += `<CORE>${cel('CPUS', `${c}:-1`)}${cel('DEDICATED', 'NO')}${cel('FREE', 1)}${cel('ID', c)}</CORE>`;
    for (const size of [2048, 1048576])
      s += `<HUGEPAGE>${cel('PAGES', 0)}${cel('SIZE', size)}${cel('USAGE', 0)}</HUGEPAGE>`;
    const distance = Array.from({ length: nodes }, (_, i) => (i === n ? 0 : 1)).join(' ');
    s += `<MEMORY>${cel('DISTANCE', distance)}${cel('TOTAL', Math.floor(h.totalMem / nodes))}${cel('USAGE', 0)}</MEMORY>`;
    s += `${cel('NODE_ID', n)}</NODE>`;
  }
  return `${s}</NUMA_NODES>`;
}

function hostShare(h: HostRec): string {
  const usedDisk = Math.floor(h.maxDisk * 0.35);
  return (
    `<HOST_SHARE><MEM_USAGE>${h.memUsage}</MEM_USAGE><CPU_USAGE>${h.cpuUsage}</CPU_USAGE>` +
    `<TOTAL_MEM>${h.totalMem}</TOTAL_MEM><TOTAL_CPU>${h.totalCpu}</TOTAL_CPU>` +
    `<MAX_MEM>${h.totalMem}</MAX_MEM><MAX_CPU>${h.totalCpu}</MAX_CPU>` +
    `<RUNNING_VMS>${h.vms.size}</RUNNING_VMS><VMS_THREAD>1</VMS_THREAD>` +
    `<DATASTORES>${cel('DISK_USAGE', 0)}${cel('FREE_DISK', h.maxDisk - usedDisk)}${cel('MAX_DISK', h.maxDisk)}${cel('USED_DISK', usedDisk)}</DATASTORES>` +
    `<PCI_DEVICES></PCI_DEVICES>${numaNodes(h)}</HOST_SHARE>`
  );
}

/** `monitoring` is the body of <MONITORING>, or null for the pool's empty element. */
export function hostXml(state: SimState, h: HostRec, monitoring: string | null): string {
  const vms = [...h.vms].sort((a, b) => a - b);
  return (
    `<HOST><ID>${h.id}</ID>${el('NAME', h.name)}<STATE>${h.state}</STATE><PREV_STATE>${h.prevState}</PREV_STATE>` +
    `${cel('IM_MAD', h.imMad)}${cel('VM_MAD', h.vmMad)}<CLUSTER_ID>${h.clusterId}</CLUSTER_ID>` +
    el('CLUSTER', state.clusters.get(h.clusterId)?.name ?? '') +
    hostShare(h) +
    ids('VMS', vms) +
    h.template.xml('TEMPLATE') +
    (monitoring === null ? '<MONITORING/>' : `<MONITORING>${monitoring}</MONITORING>`) +
    '</HOST>'
  );
}
