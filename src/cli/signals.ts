// Graceful stop of one serving process: stop accepting, let requests in flight finish (bounded), exit
// 0. A second request to stop, or the bound running out, exits at once with 1. The same stop runs for
// SIGINT/SIGTERM and, in a cluster worker, for the primary's stop message.
import type { Logger } from 'pino';

/** How long requests in flight may take to finish once a stop begins (`run --grace SECONDS`). */
export const DEFAULT_GRACE_MS = 20_000;

export type Exit = (code: number) => void;

/** Returns `stop(reason)`: the first call closes gracefully, a second exits now. */
export function gracefulStop(
  logger: Logger,
  close: () => Promise<void>,
  graceMs = DEFAULT_GRACE_MS,
  exit: Exit = (code) => process.exit(code),
): (reason: string) => void {
  let stopping = false;
  return (reason) => {
    if (stopping) {
      logger.warn(`${reason} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info(`${reason}: finishing requests in flight (up to ${graceMs / 1000} s), then exiting`);
    const timer = setTimeout(() => {
      logger.error(`requests still running after ${graceMs / 1000} s: exiting anyway`);
      exit(1);
    }, graceMs);
    timer.unref();
    close().then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        exit(1);
      },
    );
  };
}

/** SIGINT and SIGTERM stop gracefully; returns the stop function for other triggers. */
export function stopOnSignals(
  logger: Logger,
  close: () => Promise<void>,
  graceMs = DEFAULT_GRACE_MS,
): (reason: string) => void {
  const stop = gracefulStop(logger, close, graceMs);
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return stop;
}
