// Filtering and sorting the loaded VM list in the browser (ui.md: on data already loaded, so 20,000
// rows filter and sort without a server round trip).
import type { VmSummary } from './vm-summary.js';

export const SORT_KEYS = ['id', 'name', 'owner', 'group', 'state', 'host', 'ips', 'cpu', 'memory'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export interface VmSort {
  readonly key: SortKey;
  readonly dir: SortDir;
}

export function isSortKey(value: string): value is SortKey {
  return (SORT_KEYS as readonly string[]).includes(value);
}

/** Every space-separated word of `query` must occur somewhere in the VM's shown values. */
export function filterVms(rows: readonly VmSummary[], query: string): readonly VmSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((vm) => words.every((w) => vm.haystack.includes(w)));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function compareBy(key: SortKey): (a: VmSummary, b: VmSummary) => number {
  switch (key) {
    case 'id':
      return (a, b) => a.idNum - b.idNum;
    case 'cpu':
      return (a, b) => compareNullable(a.cpu, b.cpu);
    case 'memory':
      return (a, b) => compareNullable(a.memoryMiB, b.memoryMiB);
    case 'ips':
      return (a, b) => collator.compare(a.ips[0] ?? '', b.ips[0] ?? '');
    default:
      return (a, b) => collator.compare(a[key], b[key]);
  }
}

/** A sorted copy; ties fall back to the VM id so the order is stable across refreshes. */
export function sortVms(rows: readonly VmSummary[], sort: VmSort): VmSummary[] {
  const cmp = compareBy(sort.key);
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows.slice().sort((a, b) => sign * cmp(a, b) || a.idNum - b.idNum);
}
