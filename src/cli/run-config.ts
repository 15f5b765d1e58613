// The configuration `run` works with: sunstone-server.conf (or --config FILE) with the command-line
// overrides on top. Loaded at start-up, by each cluster worker, and again by the primary on SIGHUP,
// always the same way, so a reload sees exactly what a fresh start would.
import { loadConfig } from '../config/load.js';
import type { SunstoneConfig } from '../config/types.js';
import type { WorkersSetting } from './worker-count.js';

export interface RunOverrides {
  readonly configFile?: string;
  readonly host?: string;
  readonly port?: number;
  readonly workers?: WorkersSetting;
}

export interface RunConfig {
  readonly config: SunstoneConfig;
  readonly warnings: readonly string[];
}

export function loadRunConfig(overrides: RunOverrides, env: NodeJS.ProcessEnv): RunConfig {
  const { config: loaded, warnings } = loadConfig({
    ...(overrides.configFile !== undefined ? { configFile: overrides.configFile } : {}),
    env,
  });
  const config: SunstoneConfig = Object.freeze({
    ...loaded,
    ...(overrides.host !== undefined ? { host: overrides.host } : {}),
    ...(overrides.port !== undefined ? { port: overrides.port } : {}),
    ...(overrides.workers !== undefined ? { workers: overrides.workers } : {}),
  });
  return { config, warnings };
}
