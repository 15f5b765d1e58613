// What the cluster primary checks before it forks workers, and again before a SIGHUP reload: the
// problems a worker would die of at start-up, found once, in the primary, with their own message,
// instead of as a crash loop of N workers.
import { readServerCredentials } from '../auth/server-credentials.js';
import type { SunstoneConfig } from '../config/types.js';
import { checkWorkersFitStore } from '../session/store-from-config.js';
import { unsupportedSettings } from './serve.js';
import { PreflightError } from './errors.js';

/**
 * Throws PreflightError listing every problem: settings this version refuses, sunstone_auth that the
 * workers could not read, memory sessions with several workers.
 */
export function preflight(config: SunstoneConfig, workers: number, workersFrom: string): void {
  const problems = [...unsupportedSettings(config)];
  try {
    readServerCredentials(config.paths.sunstoneAuth);
  } catch (err) {
    problems.push((err as Error).message);
  }
  try {
    checkWorkersFitStore(config.sessions, workers, workersFrom);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length > 0) throw new PreflightError(problems);
}
