// Graceful stop on SIGINT/SIGTERM: stop accepting, let requests in flight finish (bounded), exit 0.
// A second signal, or the bound running out, exits at once.
import type { Logger } from 'pino';

export function stopOnSignals(logger: Logger, close: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: finishing requests in flight (up to ${graceMs / 1000} s), then exiting`);
    const timer = setTimeout(() => {
      logger.error(`requests still running after ${graceMs / 1000} s: exiting anyway`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
