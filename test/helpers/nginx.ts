// A real nginx (/usr/sbin/nginx, Debian's) for proxy tests, running a site file from config/
// rendered with local values. The harness owns only the outer frame (pid, temp paths, events,
// `http { include site }`); what is being tested is the shipped file. Runs in the foreground with
// `-p <tmpdir> -c <conf> -g 'daemon off;'`; its error log is in the message of any start failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { renderConfigFile } from './config-template.js';
import { OutputTail, sleep, waitForPorts } from './wait-port.js';

export const NGINX_BIN = '/usr/sbin/nginx';

export interface NginxOptions {
  /** A file of config/ that goes inside `http { }`, e.g. nginx-load-balancer.conf. */
  readonly site: string;
  /** The values of its {{placeholders}}; `dir` is this nginx's own directory (logs, certificates). */
  readonly values: (dir: string) => Record<string, string>;
  /** Loopback ports nginx listens on (as the values say); start-up waits for them. */
  readonly ports: readonly number[];
}

export interface Nginx {
  readonly dir: string;
  /** nginx's error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startNginx(t: TestContext, opts: NginxOptions): Promise<Nginx> {
  if (!existsSync(NGINX_BIN))
    throw new Error(`${NGINX_BIN} is missing: install nginx (as root: apt-get install nginx)`);
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-nginx-'));
  // Workers run as an unprivileged user when the tests run as root: they must reach the temp paths.
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const temp = join(dir, 'temp');
  mkdirSync(temp);
  const site = renderConfigFile(opts.site, opts.values(dir), join(dir, 'site.conf'));
  const errorLog = join(dir, 'error.log');
  const main = join(dir, 'nginx.conf');
  writeFileSync(
    main,
    [
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${errorLog} notice;`,
      'events { worker_connections 512; }',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (k) => `  ${k}_temp_path ${join(temp, k)};`,
      ),
      '  access_log off;',
      `  include ${site};`,
      '}',
      '',
    ].join('\n'),
  );

  const output = new OutputTail();
  const child = spawn(NGINX_BIN, ['-p', dir, '-c', main, '-e', errorLog, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.add(d));
  child.stderr?.on('data', (d: Buffer) => output.add(d));
  const readLog = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGTERM'); // fast shutdown: kept-alive client connections do not hold it up
    await exited(child);
  };
  t.after(stop);
  await waitForPorts(opts.ports, {
    what: 'nginx',
    gone: () => child.exitCode !== null,
    describe: () =>
      `${output.text}\n--- ${errorLog}:\n${readLog()}\n--- ${site}:\n${readFileSync(site, 'utf8')}`,
  });
  return { dir, errorLog: readLog, stop };
}

/** The lines of a log file once it has at least `count` (nginx writes a request's line after answering). */
export async function logLines(file: string, count: number, timeoutMs = 5000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
    if (lines.length >= count) return lines;
    if (Date.now() > deadline)
      throw new Error(`${file} has ${lines.length} lines, expected ${count}:\n${lines.join('\n')}`);
    await sleep(10);
  }
}
