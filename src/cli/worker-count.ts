// How many worker processes to run: `:workers` from sunstone-server.conf, or `run --workers N|auto`
// over it. `auto` is one per CPU the process may use (os.availableParallelism: cgroup/affinity aware).
import { availableParallelism } from 'node:os';
import { UsageError } from './options.js';

export type WorkersSetting = number | 'auto';

/** The same range src/config accepts for :workers. */
export const MAX_WORKERS = 256;

/** `--workers` as given on the command line: an integer from 1 to 256, or auto. */
export function parseWorkersOption(value: string, usage: string): WorkersSetting {
  if (value === 'auto') return 'auto';
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new UsageError(
      `--workers is "${value}"; expected a number from 1 to ${MAX_WORKERS}, or auto\n${usage}`,
    );
  }
  return n;
}

export function resolveWorkers(setting: WorkersSetting, cpus: () => number = availableParallelism): number {
  if (setting !== 'auto') return setting;
  return Math.max(1, Math.min(MAX_WORKERS, cpus()));
}
