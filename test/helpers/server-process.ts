// The real `sunstone-server run` command as a child process (through tsx, from src/, so no build is
// needed), on a given loopback port, with stop and start for restart tests. Its output is kept
// (bounded) and shown when it fails to start. Stopped with SIGTERM in t.after.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OutputTail, waitForPorts } from './wait-port.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

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
  const output = new OutputTail();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    if (child !== undefined) throw new Error(`${opts.name} is already running`);
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, 'run', '--config', opts.configFile, '--port', String(opts.port)],
      {
        cwd: ROOT,
        env: { ...process.env, ONE_LOCATION: opts.oneLocation },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proc.stdout?.on('data', (d: Buffer) => output.add(d));
    proc.stderr?.on('data', (d: Buffer) => output.add(d));
    child = proc;
    proc.once('exit', () => {
      if (child === proc) child = undefined;
    });
    await waitForPorts([opts.port], {
      what: `sunstone-server (${opts.name})`,
      timeoutMs: 30_000,
      gone: () => proc.exitCode !== null,
      describe: () => output.text,
    });
  }

  async function stop(): Promise<number | null> {
    const c = child;
    if (c === undefined) return null;
    const done = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    c.kill('SIGTERM');
    const code = await done;
    child = undefined;
    return code;
  }

  t.after(async () => {
    const c = child;
    if (c === undefined) return;
    c.kill('SIGKILL');
    await new Promise((resolve) => c.once('exit', resolve));
  });
  await start();
  return {
    port: opts.port,
    get running() {
      return child !== undefined;
    },
    output: () => output.text,
    stop,
    start,
  };
}
