// The quota blocks of USER and GROUP documents (reference oned-xmlrpc.md §4.7-4.8; user.xsd):
// DATASTORE_QUOTA, NETWORK_QUOTA, VM_QUOTA and IMAGE_QUOTA, each entry with its limits ("-1" = use
// the default quota, "-2" = unlimited, or what one.user.quota set) beside the usage. An entry is
// written when there is usage or a limit for it, as oned writes them.
import type { QuotaLimits } from '../records.js';
import { num } from './common.js';
import { cel } from './text.js';

export interface VmUsage {
  cpu: number;
  memory: number;
  vms: number;
  runningCpu: number;
  runningMemory: number;
  runningVms: number;
}

export interface OwnerUsage {
  vm: VmUsage | null;
  /** Datastore id -> images owned there and their size (MB). */
  readonly datastores: Map<number, { images: number; size: number }>;
  /** Network id -> leases held by the owner's VMs. */
  readonly networks: Map<number, number>;
  /** Image id -> VMs using it. */
  readonly images: Map<number, number>;
}

export const EMPTY_QUOTAS =
  '<DATASTORE_QUOTA></DATASTORE_QUOTA><NETWORK_QUOTA></NETWORK_QUOTA><VM_QUOTA></VM_QUOTA><IMAGE_QUOTA></IMAGE_QUOTA>';

const VM_METRICS: ReadonlyArray<readonly [string, keyof VmUsage]> = [
  ['CPU', 'cpu'],
  ['MEMORY', 'memory'],
  ['RUNNING_CPU', 'runningCpu'],
  ['RUNNING_MEMORY', 'runningMemory'],
  ['RUNNING_VMS', 'runningVms'],
];

function limit(v: Map<string, string> | null | undefined, metric: string): string {
  return v?.get(metric) ?? '-1';
}

function vmQuota(limits: QuotaLimits | undefined, usage: VmUsage | null): string {
  const l = limits?.vm;
  if (!usage && !l) return '<VM_QUOTA></VM_QUOTA>';
  let s = '<VM_QUOTA><VM>';
  for (const [metric, key] of VM_METRICS)
    s += cel(metric, limit(l, metric)) + cel(`${metric}_USED`, num(usage?.[key] ?? 0));
  s += cel('SYSTEM_DISK_SIZE', limit(l, 'SYSTEM_DISK_SIZE')) + cel('SYSTEM_DISK_SIZE_USED', '0');
  s += cel('VMS', limit(l, 'VMS')) + cel('VMS_USED', num(usage?.vms ?? 0));
  return `${s}</VM></VM_QUOTA>`;
}

/** Entries keyed by object id, in id order: those with usage and those with limits. */
function byId<U>(
  tag: string,
  entry: string,
  limits: Map<number, Map<string, string>> | undefined,
  usage: Map<number, U> | undefined,
  body: (l: Map<string, string> | undefined, u: U | undefined) => string,
): string {
  const ids = [...new Set([...(usage?.keys() ?? []), ...(limits?.keys() ?? [])])].sort((a, b) => a - b);
  let s = `<${tag}>`;
  for (const id of ids) s += `<${entry}>${cel('ID', id)}${body(limits?.get(id), usage?.get(id))}</${entry}>`;
  return `${s}</${tag}>`;
}

export function quotasXml(limits: QuotaLimits | undefined, usage: OwnerUsage | undefined): string {
  if (!limits && !usage) return EMPTY_QUOTAS;
  return (
    byId(
      'DATASTORE_QUOTA',
      'DATASTORE',
      limits?.datastore,
      usage?.datastores,
      (l, u) =>
        cel('IMAGES', limit(l, 'IMAGES')) +
        cel('IMAGES_USED', u?.images ?? 0) +
        cel('SIZE', limit(l, 'SIZE')) +
        cel('SIZE_USED', u?.size ?? 0),
    ) +
    byId(
      'NETWORK_QUOTA',
      'NETWORK',
      limits?.network,
      usage?.networks,
      (l, u) => cel('LEASES', limit(l, 'LEASES')) + cel('LEASES_USED', u ?? 0),
    ) +
    vmQuota(limits, usage?.vm ?? null) +
    byId(
      'IMAGE_QUOTA',
      'IMAGE',
      limits?.image,
      usage?.images,
      (l, u) => cel('RVMS', limit(l, 'RVMS')) + cel('RVMS_USED', u ?? 0),
    )
  );
}
