// A real Apache httpd (Debian's /usr/sbin/apache2) for proxy and Passenger tests, with its own
// ServerRoot and configuration in a temporary directory, in the foreground (-DFOREGROUND). Modules
// are enabled as a2enmod would: each one's .load and .conf from /etc/apache2/mods-available, which
// load the Debian modules from /usr/lib/apache2/modules. The site under test is a file of config/
// rendered with local values; the harness writes only the server-wide frame around it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { renderConfigFile } from './config-template.js';
import { proxyDir, startProxyProcess, type ProxyProcess } from './proxy-process.js';

export const APACHE_BIN = '/usr/sbin/apache2';
export const PASSENGER_MODULE = '/usr/lib/apache2/modules/mod_passenger.so';
const MODS = '/etc/apache2/mods-available';

/** Who Apache's workers (and, by the site file, Passenger's application) run as when we are root. */
export const UNPRIVILEGED = { user: 'nobody', group: 'nogroup' } as const;

export interface ApacheOptions {
  /** A site file of config/, e.g. apache-reverse-proxy.conf. */
  readonly site: string;
  /** The values of its {{placeholders}}; `dir` is this Apache's own directory. */
  readonly values: (dir: string) => Record<string, string>;
  /** Debian module names, as for a2enmod (mpm_event and authz_core are always there). */
  readonly modules: readonly string[];
  /** Loopback ports to listen on (a `Listen 127.0.0.1:port` each); start-up waits for them. */
  readonly ports: readonly number[];
}

/** A running Apache; errorLog() is its error log so far (Passenger and its application write there too). */
export type Apache = ProxyProcess;

function moduleLines(name: string): string[] {
  const load = join(MODS, `${name}.load`);
  if (!existsSync(load))
    throw new Error(`Apache module ${name}: ${load} is missing (is its Debian package installed?)`);
  const conf = join(MODS, `${name}.conf`);
  return [`Include ${load}`, ...(existsSync(conf) ? [`Include ${conf}`] : [])];
}

export async function startApache(t: TestContext, opts: ApacheOptions): Promise<Apache> {
  if (!existsSync(APACHE_BIN))
    throw new Error(`${APACHE_BIN} is missing: install apache2 (as root: apt-get install apache2)`);
  const dir = proxyDir(t, 'sunstone-apache-');
  const run = join(dir, 'run');
  mkdirSync(run);
  const errorLog = join(dir, 'error.log');
  const site = renderConfigFile(opts.site, opts.values(dir), join(dir, 'site.conf'));
  const root = process.getuid?.() === 0;
  const modules = [
    'mpm_event',
    'authz_core',
    ...opts.modules.filter((m) => m !== 'mpm_event' && m !== 'authz_core'),
  ];
  const main = join(dir, 'httpd.conf');
  writeFileSync(
    main,
    [
      `ServerRoot ${dir}`,
      `PidFile ${join(run, 'httpd.pid')}`,
      `DefaultRuntimeDir ${run}`,
      `Mutex file:${run} default`,
      `ErrorLog ${errorLog}`,
      'LogLevel warn',
      'ServerName 127.0.0.1',
      ...(root ? [`User ${UNPRIVILEGED.user}`, `Group ${UNPRIVILEGED.group}`] : []),
      ...opts.ports.map((p) => `Listen 127.0.0.1:${p}`),
      ...modules.flatMap(moduleLines),
      // Passenger's instance registry (its sockets and state) inside this test's directory.
      ...(modules.includes('passenger') ? [`PassengerInstanceRegistryDir ${run}`] : []),
      `Include ${site}`,
      '',
    ].join('\n'),
  );

  // The Debian module .conf files refer to these (e.g. ssl.conf's session cache in APACHE_RUN_DIR).
  const env = {
    ...process.env,
    APACHE_RUN_DIR: run,
    APACHE_LOCK_DIR: run,
    APACHE_LOG_DIR: dir,
    APACHE_PID_FILE: join(run, 'httpd.pid'),
    APACHE_RUN_USER: UNPRIVILEGED.user,
    APACHE_RUN_GROUP: UNPRIVILEGED.group,
  };
  return startProxyProcess(t, {
    bin: APACHE_BIN,
    args: ['-d', dir, '-f', main, '-DFOREGROUND'],
    env,
    what: 'apache2',
    dir,
    errorLog,
    site,
    ports: opts.ports,
  });
}
