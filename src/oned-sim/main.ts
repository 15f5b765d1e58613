// The simulator's public face: startSimulator() for tests, the demo and benchmarks, and
// runSimulatorCli() for `sunstone-server oned-sim ...` (the CLI entry only wires it).
import { chmodSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { checkSimOptions, parseSimArgs, SIM_USAGE, type SimulatorOptions } from './args.js';
import { SimConsoles } from './consoles.js';
import { Dispatcher } from './dispatch.js';
import { SimListenError, SimWriteAuthError } from './errors.js';
import { methodTable } from './methods/table.js';
import { seedCloud } from './seed.js';
import { createRpcServer, type SimFaults } from './server.js';
import { Sim } from './sim.js';

export { parseSimArgs, SIM_USAGE, type SimulatorOptions } from './args.js';
export type { SimFaults } from './server.js';

export interface Simulator {
  /** http://HOST:PORT/RPC2 */
  readonly url: string;
  readonly port: number;
  /** What --write-auth writes: the serveradmin user and its plain password. */
  readonly serverAdmin: { readonly user: string; readonly password: string };
  /** Switches tests may flip at any time. */
  readonly faults: SimFaults;
  /** The simulated oned (database, clock, life cycle), for tests that look inside. */
  readonly core: Sim;
  /** The VMs' VNC servers: where `<host name>:<GRAPHICS/PORT>` of a running VM really listens. */
  readonly consoles: SimConsoles;
  /** Stops listening, drops open connections and timers. */
  close(): Promise<void>;
}

function writeAuthFile(file: string, password: string): void {
  try {
    writeFileSync(file, `serveradmin:${password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (err) {
    throw new SimWriteAuthError(
      `oned-sim cannot write the serveradmin credentials to ${file}: ${(err as Error).message}; ` +
        'check that the directory exists and is writable, or choose another file with --write-auth',
      err,
    );
  }
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  checkSimOptions(opts);
  const clock = opts.clock ?? Date.now;
  const vms = opts.vms ?? 50;
  const core = new Sim({
    seed: opts.seed ?? 1,
    speed: opts.speed ?? 1,
    scheduler: opts.scheduler ?? true,
    clock,
    version: opts.version ?? '6.10.5',
    desc: (opts.order ?? 'desc') === 'desc',
    maxVms: vms + 100_000,
  });
  const { serverAdminPassword } = seedCloud(core, { vms });
  core.scheduler.wake();
  if (opts.writeAuth !== undefined) writeAuthFile(opts.writeAuth, serverAdminPassword);

  const dispatcher = new Dispatcher(core, methodTable());
  const faults: SimFaults = { latencyMs: opts.latencyMs ?? 0, refuse: false, closeMidResponse: false };
  const server = createRpcServer({
    handle: (body) => dispatcher.handle(body),
    keepAlive: opts.keepAlive ?? false,
    faults,
    bodyLimit: opts.bodyLimit ?? 64 * 1024 * 1024,
    clock,
  });
  const host = opts.host ?? '127.0.0.1';
  const wanted = opts.port ?? 2633;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      core.close();
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${wanted} on ${host} is already in use; choose another with --port (0 = any free port) or stop the process using it`
          : `${err.message}; check --host and --port`;
      reject(new SimListenError(`oned-sim cannot listen on ${host}:${wanted}: ${why}`, err));
    };
    server.once('error', onError);
    server.listen(wanted, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/RPC2`;
  core.port = port;
  core.state.zones.get(0)?.template.set('ENDPOINT', url);

  const consoles = new SimConsoles(core);
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    serverAdmin: { user: 'serveradmin', password: serverAdminPassword },
    faults,
    core,
    consoles,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        core.close();
        void consoles.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/**
 * `sunstone-server oned-sim ...`: starts the simulator, prints one line with its URL, and stops
 * it on SIGINT or SIGTERM. Resolves once listening (with null after --help).
 */
export async function runSimulatorCli(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
): Promise<Simulator | null> {
  const args = parseSimArgs(argv);
  if (args.help) {
    out.write(`${SIM_USAGE}\n`);
    return null;
  }
  const sim = await startSimulator(args);
  const auth = args.writeAuth ? ` (serveradmin credentials in ${args.writeAuth})` : '';
  out.write(`oned-sim listening on ${sim.url}${auth}\n`);
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void sim.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sim;
}
