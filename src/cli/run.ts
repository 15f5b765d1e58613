// `sunstone-server run [--config FILE] [--host ADDR] [--port N] [--workers N|auto] [--grace S]`: the
// server, in the foreground. One worker (the default): this process serves. More: this process is
// the cluster primary and the same command line, forked, runs each worker (cluster.isWorker).
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { runPrimary } from './cluster.js';
import { createLogger } from './logger.js';
import { parseOptions, UsageError, type OptionSpec } from './options.js';
import { preflight } from './preflight.js';
import { loadRunConfig, type RunConfig, type RunOverrides } from './run-config.js';
import { serve } from './serve.js';
import { DEFAULT_GRACE_MS, stopOnSignals } from './signals.js';
import { runWorker } from './worker.js';
import { parseWorkersOption, resolveWorkers } from './worker-count.js';

export const RUN_USAGE =
  'usage: sunstone-server run [--config FILE] [--host ADDR] [--port N] [--workers N|auto] [--grace SECONDS]';

const SPEC: OptionSpec = {
  config: 'string',
  host: 'string',
  port: 'integer',
  workers: 'string',
  grace: 'integer',
};

function overridesOf(argv: readonly string[]): { overrides: RunOverrides; graceMs: number } {
  const opts = parseOptions(argv, SPEC, RUN_USAGE);
  if (typeof opts.grace === 'number' && (opts.grace < 1 || opts.grace > 3600)) {
    throw new UsageError(`--grace is ${opts.grace}; expected seconds from 1 to 3600\n${RUN_USAGE}`);
  }
  return {
    overrides: {
      ...(typeof opts.config === 'string' ? { configFile: opts.config } : {}),
      ...(typeof opts.host === 'string' ? { host: opts.host } : {}),
      ...(typeof opts.port === 'number' ? { port: opts.port } : {}),
      ...(typeof opts.workers === 'string' ? { workers: parseWorkersOption(opts.workers, RUN_USAGE) } : {}),
    },
    graceMs: typeof opts.grace === 'number' ? opts.grace * 1000 : DEFAULT_GRACE_MS,
  };
}

/**
 * SIGHUP to a single process: it cannot hand its port to a successor without refusing connections
 * for a moment, so it does not restart itself. It checks the file and says how to apply it.
 */
function explainHangup(logger: Logger, load: () => RunConfig): void {
  process.on('SIGHUP', () => {
    try {
      const { config } = load();
      preflight(config, resolveWorkers(config.workers), config.source ?? 'the configuration');
      logger.warn(
        'SIGHUP: the configuration checks out, but one process cannot reload without dropping connections: ' +
          'restart the service to apply it (systemctl restart), or run :workers: 2 or more (with :sessions: memcache) ' +
          'to get rolling restarts on SIGHUP',
      );
    } catch (err) {
      logger.error(
        `SIGHUP: the configuration has problems; still running with the previous one:\n${(err as Error).message}`,
      );
    }
  });
}

export async function runServer(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { overrides, graceMs } = overridesOf(argv);
  const load = (): RunConfig => loadRunConfig(overrides, env);
  if (cluster.isWorker) {
    await runWorker({ load, graceMs });
    return -1; // keep running
  }

  const { config, warnings } = load();
  const logger = createLogger(config);
  for (const w of warnings) logger.warn(w);
  logger.info(`configuration: ${config.source ?? 'defaults (no sunstone-server.conf found)'}`);
  const workers = resolveWorkers(config.workers);
  if (workers === 1) {
    const server = await serve(config, logger);
    logger.info(`sunstone-server listening on ${server.url}, oned at ${config.one_xmlrpc}`);
    stopOnSignals(logger, server.close, graceMs);
    explainHangup(logger, load);
    return -1;
  }

  const where = (c: RunConfig['config']): string =>
    overrides.workers !== undefined ? 'the command line (--workers)' : (c.source ?? 'the configuration');
  preflight(config, workers, where(config));
  logger.info(
    `sunstone-server on ${config.host}:${config.port} with ${workers} workers, oned at ${config.one_xmlrpc}`,
  );
  return runPrimary({
    workers,
    logger,
    graceMs,
    reload: () => {
      const next = load();
      for (const w of next.warnings) logger.warn(w);
      const n = resolveWorkers(next.config.workers);
      preflight(next.config, n, where(next.config));
      return n;
    },
  });
}
