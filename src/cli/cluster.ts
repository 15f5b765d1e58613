// The cluster primary (`:workers` > 1, the unicorn analogue): forks the workers with node:cluster,
// which share the listening socket, and maps signals onto the Supervisor: SIGHUP rolling restart with
// the configuration read again, SIGTERM and SIGINT graceful stop. The primary serves no request
// itself and opens no connection to oned.
//
// Scheduling is SCHED_NONE: every worker accept()s on the shared socket, as unicorn's workers do.
// Node's default on Linux (round-robin: the primary accepts, then passes each connection to a worker)
// loses connections: one passed to a worker that has just died is never answered nor closed, and the
// client hangs until its own timeout (seen in test/integration/cluster.test.ts under kill -9). With a
// shared socket a dead worker simply stops accepting; the connections waiting in the kernel's queue
// go to the others, and only the requests the dead worker was serving fail.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { BackoffOptions } from './restart-backoff.js';
import { Supervisor, type WorkerHandle } from './supervisor.js';

export interface PrimaryOptions {
  readonly workers: number;
  readonly logger: Logger;
  /** Re-reads and checks the configuration on SIGHUP; the worker count, or throws with the problems. */
  readonly reload: () => number;
  readonly graceMs: number;
  readonly backoff?: BackoffOptions;
}

function handleOf(worker: Worker): WorkerHandle {
  return {
    pid: worker.process.pid,
    send: (message) => {
      worker.send(message);
    },
    connected: () => worker.isConnected(),
    // Straight to the process: Worker.kill() would first wait for the IPC channel to disconnect.
    kill: (signal) => {
      worker.process.kill(signal);
    },
    onMessage: (listener) => {
      worker.on('message', (message: unknown) => listener(message));
    },
    onExit: (listener) => {
      worker.on('exit', (code: number | null, signal: string | null) => listener(code, signal));
    },
  };
}

/**
 * Runs the primary until it is stopped: resolves with the exit code (0 after a graceful stop),
 * rejects with SUN_ERR_CLI_CRASH_LOOP when workers keep dying at start-up. Workers run the same
 * command line (node:cluster's default), where `cluster.isWorker` sends them to runWorker.
 */
export function runPrimary(opts: PrimaryOptions): Promise<number> {
  // Must be set before the first fork; the primary alone decides how the socket is shared.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const supervisor = new Supervisor({
    workers: opts.workers,
    logger: opts.logger,
    graceMs: opts.graceMs,
    reload: opts.reload,
    fork: () => handleOf(cluster.fork()),
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
  });
  const onStop = (signal: NodeJS.Signals): void => supervisor.stop(signal);
  const onHangup = (): void => supervisor.reload();
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  process.on('SIGHUP', onHangup);
  return supervisor.start().finally(() => {
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
    process.off('SIGHUP', onHangup);
  });
}
