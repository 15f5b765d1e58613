// Debian packages the test suite runs for real (no mocks): installed when we are root, otherwise
// named so the user knows exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each entry: the Debian package and a file whose presence proves it is installed. */
export const SYSTEM_DEPS = [
  { pkg: 'libxml2-utils', probe: '/usr/bin/xmllint', why: 'XSD validation of the simulator documents' },
  { pkg: 'chromium', probe: '/usr/bin/chromium', why: 'browser tests (playwright-core drives it)' },
  { pkg: 'memcached', probe: '/usr/bin/memcached', why: 'memcached session store tests' },
  { pkg: 'nginx', probe: '/usr/sbin/nginx', why: 'reverse proxy and load balancer tests' },
  { pkg: 'apache2', probe: '/usr/sbin/apache2', why: 'Apache reverse proxy and Passenger tests' },
  {
    pkg: 'libapache2-mod-passenger',
    probe: '/usr/lib/apache2/modules/mod_passenger.so',
    why: 'Apache + Phusion Passenger test (Passenger starts the server)',
  },
];

export function ensureSystemDeps(deps = SYSTEM_DEPS) {
  const missing = deps.filter((d) => !existsSync(d.probe));
  if (missing.length === 0) return;
  const names = missing.map((d) => d.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('which', ['apt-get']).status !== 0) {
    console.error('The test suite needs these Debian packages, which are not installed:');
    for (const d of missing) console.error(`  ${d.pkg}  (${d.probe}: ${d.why})`);
    console.error(`Install them as root:  apt-get install -y ${names.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing Debian packages for the tests: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    stdio: 'inherit',
    env,
  });
  // Debian starts the services it installs; the tests start their own on free ports.
  for (const svc of ['memcached', 'nginx', 'apache2']) {
    if (names.includes(svc)) spawnSync('service', [svc, 'stop'], { stdio: 'ignore' });
  }
  const still = missing.filter((d) => !existsSync(d.probe));
  if (still.length > 0) {
    console.error(`apt-get did not provide: ${still.map((d) => d.probe).join(', ')}`);
    process.exit(1);
  }
}
