// The real `sunstone-server run` command as a child process (startCli of cli-process.ts: through
// tsx from src/, in a process group of its own killed whole in t.after), on a given loopback port,
// with stop and start for restart tests. Its output is kept (bounded, across restarts) and shown
// when it fails to start.
import type { TestContext } from 'node:test';
import { startCli, type CliProcess } from './cli-process.js';
import { waitForPorts } from './wait-port.js';

/** How much output is kept across restarts, as OutputTail keeps for one run. */
const OUTPUT_MAX = 64 * 1024;

export interface ServerProcessOptions {
  /** sunstone-server.conf to run with (--config). */
  readonly configFile: string;
  /** The port to listen on (--port); the host comes from the file. */
  readonly port: number;
  /** Where sunstone_auth is ($ONE_LOCATION/var/.one/sunstone_auth). */
  readonly oneLocation: string;
  /** A name for messages, e.g. "instance 1". */
  readonly name: string;
}

export interface ServerProcess {
  readonly port: number;
  readonly running: boolean;
  /** Everything it printed (last 64 KiB). */
  output(): string;
  /** SIGTERM (graceful stop) and wait for the exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** Start again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
}

export async function startServerProcess(t: TestContext, opts: ServerProcessOptions): Promise<ServerProcess> {
  let earlier = '';
  let cli: CliProcess | undefined;
  const output = () => (earlier + (cli?.output() ?? '')).slice(-OUTPUT_MAX);

  async function start(): Promise<void> {
    if (cli !== undefined) throw new Error(`${opts.name} is already running`);
    const proc = startCli(t, ['run', '--config', opts.configFile, '--port', String(opts.port)], {
      ONE_LOCATION: opts.oneLocation,
    });
    cli = proc;
    let gone = false;
    void proc.exit.then(() => {
      gone = true;
      if (cli === proc) {
        earlier = output();
        cli = undefined;
      }
    });
    await waitForPorts([opts.port], {
      what: `sunstone-server (${opts.name})`,
      timeoutMs: 30_000,
      gone: () => gone,
      describe: output,
    });
  }

  async function stop(): Promise<number | null> {
    const c = cli;
    if (c === undefined) return null;
    c.signal('SIGTERM');
    const { code } = await c.exit;
    return code;
  }

  await start();
  return {
    port: opts.port,
    get running() {
      return cli !== undefined;
    },
    output,
    stop,
    start,
  };
}
