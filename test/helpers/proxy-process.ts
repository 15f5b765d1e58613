// What the real-proxy helpers (nginx.ts, apache.ts) share: a world-readable temporary directory
// removed after the test, and a foreground server process that is stopped after the test and
// waited for on its ports, with its output, error log and rendered site file in any start failure.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { exited, OutputTail, waitForPorts } from './wait-port.js';

/** A running proxy server, as startNginx and startApache return it. */
export interface ProxyProcess {
  readonly dir: string;
  /** The server's error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

export interface ProxyProcessOptions {
  /** The binary, its arguments and environment (the parent's when left out). */
  readonly bin: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Its name in failure messages, e.g. 'nginx'. */
  readonly what: string;
  readonly dir: string;
  readonly errorLog: string;
  /** The rendered site file, shown when start-up fails. */
  readonly site: string;
  /** Loopback ports it listens on; start-up waits for them. */
  readonly ports: readonly number[];
}

/** A fresh temporary directory for one server, removed after the test. */
export function proxyDir(t: TestContext, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Workers run as an unprivileged user when the tests run as root: they must reach the temp paths.
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts the server in the foreground and resolves once it accepts connections on every port. */
export async function startProxyProcess(t: TestContext, opts: ProxyProcessOptions): Promise<ProxyProcess> {
  const output = new OutputTail();
  const child = spawn(opts.bin, [...opts.args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.env === undefined ? {} : { env: opts.env }),
  });
  child.stdout?.on('data', (d: Buffer) => output.add(d));
  child.stderr?.on('data', (d: Buffer) => output.add(d));
  const { errorLog, site } = opts;
  const readLog = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Fast shutdown for both: kept-alive client connections do not hold it up (and Apache's
    // "stop now" makes Passenger stop the application).
    child.kill('SIGTERM');
    await exited(child);
  };
  t.after(stop);
  await waitForPorts(opts.ports, {
    what: opts.what,
    gone: () => child.exitCode !== null,
    describe: () =>
      `${output.text}\n--- ${errorLog}:\n${readLog()}\n--- ${site}:\n${readFileSync(site, 'utf8')}`,
  });
  return { dir: opts.dir, errorLog: readLog, stop };
}
