// sunstone-server inside Apache with Phusion Passenger (Debian libapache2-mod-passenger), started by
// passenger.cjs (config/apache-passenger.conf). What Passenger's Node loader does and how we fit it
// (reference deps.md §4):
// - it require()s the startup file, so passenger.cjs is CommonJS and imports this ESM module;
// - it sets `globalThis.PhusionPassenger` (an EventEmitter) and IN_PASSENGER=1 before that;
// - the first http server that calls listen() is bound to Passenger's Unix socket whatever the
//   arguments; a second listen() throws. So exactly one server listens, on 127.0.0.1 (`localhost`
//   could bind twice), and nothing of ours listens with `{ path: 'passenger' }`;
// - Passenger starts, counts and restarts the processes: no cluster of our own, :workers ignored;
// - every request comes from Apache over that socket, which Passenger reports as 127.0.0.1, with
//   the real client appended to X-Forwarded-For: the peer is trusted as a proxy whatever
//   :trusted_proxies says, and the hops before it are judged by :trusted_proxies;
// - to stop, Passenger closes stdin and emits 'exit' on PhusionPassenger when someone listens.
// Websockets do not pass through Apache + Passenger (passenger#1202): the VNC proxy needs its own
// listener, or Apache's mod_proxy_wstunnel in front of it.
import type { EventEmitter } from 'node:events';
import { loadConfig } from '../config/load.js';
import type { SunstoneConfig } from '../config/types.js';
import { SunstoneError } from '../errors.js';
import { createLogger } from './logger.js';
import { serve, type RunningServer } from './serve.js';
import { stopOnSignals } from './signals.js';

/** Passenger's handle when its Node loader started this process, else null. */
export function passengerHandle(scope: object = globalThis): EventEmitter | null {
  const p = (scope as { PhusionPassenger?: unknown }).PhusionPassenger;
  return typeof p === 'object' && p !== null && typeof (p as EventEmitter).on === 'function'
    ? (p as EventEmitter)
    : null;
}

/** True inside a process Passenger spawned (its loader's global, or the variable it exports). */
export function runsUnderPassenger(env: NodeJS.ProcessEnv, scope: object = globalThis): boolean {
  return passengerHandle(scope) !== null || env.IN_PASSENGER === '1';
}

/** The configuration as Passenger needs it, and what was changed, for the log. */
export function passengerConfig(config: SunstoneConfig): { config: SunstoneConfig; notes: string[] } {
  const notes: string[] = [];
  const where = config.source ?? 'the configuration';
  if (config.workers !== 1) {
    notes.push(
      `:workers is ${config.workers} in ${where}, ignored under Passenger: Passenger starts the processes ` +
        '(PassengerMinInstances, PassengerMaxInstancesPerApp in the Apache configuration)',
    );
  }
  if (config.sessions === 'memory') {
    notes.push(
      'sessions are kept in memory: keep PassengerMaxInstancesPerApp 1, or set :sessions: memcache ' +
        'before letting Passenger start more processes (each would have its own sessions)',
    );
  }
  return {
    // Passenger ignores the address; 127.0.0.1 keeps Fastify to a single listen() call.
    config: Object.freeze({ ...config, host: '127.0.0.1', port: 0, workers: 1 }),
    notes,
  };
}

/** Started by passenger.cjs. Resolves once the server is installed on Passenger's socket. */
export async function runUnderPassenger(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const passenger = passengerHandle();
  if (passenger === null) {
    throw new SunstoneError(
      'SUN_ERR_CLI_PASSENGER',
      'passenger.cjs is the startup file for Phusion Passenger (PassengerStartupFile passenger.cjs in ' +
        'config/apache-passenger.conf) and must be started by it; to run the server yourself use: sunstone-server run',
    );
  }
  const { config: loaded, warnings } = loadConfig({ env });
  const { config, notes } = passengerConfig(loaded);
  const logger = createLogger(config);
  for (const w of warnings) logger.warn(w);
  for (const n of notes) logger.warn(n);
  logger.info(`configuration: ${config.source ?? 'defaults (no sunstone-server.conf found)'}`);
  const server = await serve(config, logger, { peerIsProxy: true });
  logger.info(
    `sunstone-server running under Phusion Passenger (pid ${process.pid}), oned at ${config.one_xmlrpc}`,
  );

  // Passenger's polite stop (stdin closed, then 'exit') takes the same bounded graceful path as
  // SIGTERM, which Apache may also send to the process group.
  stopOnSignals(logger, server.close);
  passenger.on('exit', () => {
    logger.info('Passenger asked this process to stop');
    process.emit('SIGTERM', 'SIGTERM');
  });
  return server;
}
