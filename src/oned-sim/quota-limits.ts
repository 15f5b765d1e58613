// Quota limits from a one.user.quota / one.group.quota template (reference oned-xmlrpc.md §2.3,
// §4.7): VM = [CPU, MEMORY, VMS, RUNNING_*, SYSTEM_DISK_SIZE], DATASTORE = [ID, IMAGES, SIZE],
// NETWORK = [ID, LEASES], IMAGE = [ID, RVMS]. Given metrics replace the stored ones, the others
// stay. A limit is -1 (the default quota), -2 (unlimited) or a number >= 0.
import type { QuotaLimits } from './records.js';
import type { Template, Vector } from './template.js';

const METRICS: Readonly<Record<string, readonly string[]>> = {
  VM: ['CPU', 'MEMORY', 'VMS', 'RUNNING_CPU', 'RUNNING_MEMORY', 'RUNNING_VMS', 'SYSTEM_DISK_SIZE'],
  DATASTORE: ['IMAGES', 'SIZE'],
  NETWORK: ['LEASES'],
  IMAGE: ['RVMS'],
};

/** A quota template oned refuses; the message is oned's resp_msg. */
export class QuotaTemplateError extends Error {}

function checked(quota: string, v: Vector): Map<string, string> {
  const out = new Map<string, string>();
  for (const metric of METRICS[quota] ?? []) {
    const value = v.get(metric);
    if (value === undefined) continue;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < -2)
      throw new QuotaTemplateError(
        `Invalid ${quota} quota ${metric} = "${value}": use -1 (default), -2 (unlimited) or a number >= 0`,
      );
    // CPU quotas may be fractional; the others are whole numbers.
    out.set(metric, metric.endsWith('CPU') ? String(n) : String(Math.trunc(n)));
  }
  return out;
}

function merge(into: Map<string, string> | undefined, given: Map<string, string>): Map<string, string> {
  const out = new Map(into ?? []);
  for (const [k, v] of given) out.set(k, v);
  return out;
}

function byId(quota: string, list: Vector[], into: Map<number, Map<string, string>>): void {
  for (const v of list) {
    const idText = v.get('ID');
    if (idText === undefined || !/^\d+$/.test(idText.trim()))
      throw new QuotaTemplateError(`${quota} quota without a valid ID`);
    const id = Number(idText);
    into.set(id, merge(into.get(id), checked(quota, v)));
  }
}

/** The limits after applying `t` to `current` (which is left as it was). */
export function applyQuotaTemplate(current: QuotaLimits | undefined, t: Template): QuotaLimits {
  const next: QuotaLimits = {
    vm: current?.vm ? new Map(current.vm) : null,
    datastore: new Map(current?.datastore ?? []),
    network: new Map(current?.network ?? []),
    image: new Map(current?.image ?? []),
  };
  for (const v of t.vectors('VM')) next.vm = merge(next.vm ?? undefined, checked('VM', v));
  byId('DATASTORE', t.vectors('DATASTORE'), next.datastore);
  byId('NETWORK', t.vectors('NETWORK'), next.network);
  byId('IMAGE', t.vectors('IMAGE'), next.image);
  return next;
}
