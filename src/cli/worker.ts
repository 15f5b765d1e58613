// One cluster worker: loads the configuration itself (so a worker forked after SIGHUP sees the file
// as it is now), runs serve() on the port the primary shares, tells the primary when it is ready or
// why it could not start, and stops gracefully on the primary's stop message or on SIGINT/SIGTERM
// (Ctrl-C reaches every process of the terminal's group). SIGHUP is the primary's business.
import type { Logger } from 'pino';
import { isStopMessage, type WorkerMessage } from './cluster-messages.js';
import { createLogger } from './logger.js';
import type { RunConfig } from './run-config.js';
import { serve } from './serve.js';
import { gracefulStop } from './signals.js';

export interface WorkerOptions {
  readonly load: () => RunConfig;
  readonly graceMs: number;
}

function send(msg: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (typeof process.send !== 'function' || !process.connected) {
      resolve();
      return;
    }
    process.send(msg, undefined, undefined, () => resolve());
  });
}

async function fail(err: unknown): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  await send({ type: 'sunstone:fatal', message });
  // Without a primary to tell (it died), the terminal or journal is the only place left.
  if (!process.connected) process.stderr.write(`sunstone-server worker ${process.pid}: ${message}\n`);
  process.exit(1);
}

/** Resolves once the worker serves; the process then lives until it is told to stop. */
export async function runWorker(opts: WorkerOptions): Promise<void> {
  let stop: ((reason: string) => void) | null = null;
  let stopAsked: string | null = null;
  const request = (reason: string): void => {
    if (stop !== null) stop(reason);
    else stopAsked ??= reason;
  };
  process.on('message', (msg: unknown) => {
    if (isStopMessage(msg)) request('asked by the primary');
  });
  process.on('SIGINT', () => request('SIGINT'));
  process.on('SIGTERM', () => request('SIGTERM'));
  let logger: Logger | null = null;
  process.on('SIGHUP', () =>
    logger?.info(`SIGHUP ignored: reloads are done by the primary (pid ${process.ppid})`),
  );

  let server;
  try {
    // The primary already logged the configuration's warnings; a worker does not repeat them.
    const { config } = opts.load();
    logger = createLogger(config);
    server = await serve(config, logger);
  } catch (err) {
    return fail(err);
  }
  const running = server;
  stop = gracefulStop(logger, () => running.close(), opts.graceMs);
  if (stopAsked !== null) {
    stop(stopAsked);
    return;
  }
  await send({ type: 'sunstone:ready', url: running.url });
}
