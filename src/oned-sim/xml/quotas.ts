// The quota blocks of USER and GROUP documents (reference oned-xmlrpc.md §4.7-4.8). Only VM
// usage is tracked (the simulator has no datastore, network or image quotas); limits are "-1"
// (use the default quota). Users and groups of the oneadmin group are never accounted by oned.
import { cel } from './text.js';
import { num } from './common.js';

export interface VmUsage {
  cpu: number;
  memory: number;
  vms: number;
  runningCpu: number;
  runningMemory: number;
  runningVms: number;
}

export const EMPTY_QUOTAS =
  '<DATASTORE_QUOTA></DATASTORE_QUOTA><NETWORK_QUOTA></NETWORK_QUOTA><VM_QUOTA></VM_QUOTA><IMAGE_QUOTA></IMAGE_QUOTA>';

export function quotasXml(usage: VmUsage | undefined): string {
  if (!usage) return EMPTY_QUOTAS;
  const vm =
    '<VM>' +
    cel('CPU', '-1') +
    cel('CPU_USED', num(usage.cpu)) +
    cel('MEMORY', '-1') +
    cel('MEMORY_USED', num(usage.memory)) +
    cel('RUNNING_CPU', '-1') +
    cel('RUNNING_CPU_USED', num(usage.runningCpu)) +
    cel('RUNNING_MEMORY', '-1') +
    cel('RUNNING_MEMORY_USED', num(usage.runningMemory)) +
    cel('RUNNING_VMS', '-1') +
    cel('RUNNING_VMS_USED', num(usage.runningVms)) +
    cel('SYSTEM_DISK_SIZE', '-1') +
    cel('SYSTEM_DISK_SIZE_USED', '0') +
    cel('VMS', '-1') +
    cel('VMS_USED', num(usage.vms)) +
    '</VM>';
  return `<DATASTORE_QUOTA></DATASTORE_QUOTA><NETWORK_QUOTA></NETWORK_QUOTA><VM_QUOTA>${vm}</VM_QUOTA><IMAGE_QUOTA></IMAGE_QUOTA>`;
}
