// Number formatting for the lists: fixed units so right-aligned columns compare at a glance.

function trim(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

/** oned's MEMORY is in MiB: below 1 GiB show MiB, else GiB with up to two decimals. */
export function formatMemory(mib: number | null): string {
  if (mib === null) return '—';
  if (mib < 1024) return `${trim(mib, 0)} MiB`;
  return `${trim(mib / 1024, 2)} GiB`;
}

/** oned's CPU is a share of physical cores (0.5 = half a core). */
export function formatCpu(cpu: number | null): string {
  if (cpu === null) return '—';
  return `${trim(cpu, 2)} ${cpu === 1 ? 'core' : 'cores'}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
