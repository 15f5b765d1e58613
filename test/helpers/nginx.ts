// A real nginx (/usr/sbin/nginx, Debian's) for proxy tests, running a site file from config/
// rendered with local values. The harness owns only the outer frame (pid, temp paths, events,
// `http { include site }`); what is being tested is the shipped file. Runs in the foreground with
// `-p <tmpdir> -c <conf> -g 'daemon off;'`; its error log is in the message of any start failure.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { renderConfigFile } from './config-template.js';
import { proxyDir, startProxyProcess, type ProxyProcess } from './proxy-process.js';
import { sleep } from './wait-port.js';

export const NGINX_BIN = '/usr/sbin/nginx';

export interface NginxOptions {
  /** A file of config/ that goes inside `http { }`, e.g. nginx-load-balancer.conf. */
  readonly site: string;
  /** The values of its {{placeholders}}; `dir` is this nginx's own directory (logs, certificates). */
  readonly values: (dir: string) => Record<string, string>;
  /** Loopback ports nginx listens on (as the values say); start-up waits for them. */
  readonly ports: readonly number[];
}

/** A running nginx; errorLog() is nginx's error log so far. */
export type Nginx = ProxyProcess;

export async function startNginx(t: TestContext, opts: NginxOptions): Promise<Nginx> {
  if (!existsSync(NGINX_BIN))
    throw new Error(`${NGINX_BIN} is missing: install nginx (as root: apt-get install nginx)`);
  const dir = proxyDir(t, 'sunstone-nginx-');
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

  return startProxyProcess(t, {
    bin: NGINX_BIN,
    args: ['-p', dir, '-c', main, '-e', errorLog, '-g', 'daemon off;'],
    what: 'nginx',
    dir,
    errorLog,
    site,
    ports: opts.ports,
  });
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
