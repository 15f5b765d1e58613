// Runs every test file with node's test runner (through tsx), after making sure the real
// components the tests start (memcached, nginx, Chromium, xmllint) are installed.
// Usage: node scripts/run-tests.mjs [path-prefix ...]   e.g. test/unit
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemDeps } from './system-deps.mjs';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const prefixes = process.argv.slice(2);
const files = findTests('test')
  .filter((f) => prefixes.length === 0 || prefixes.some((p) => f.startsWith(p)))
  .sort();
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
ensureSystemDeps();

// Bounds, so that a test that hangs fails with its name instead of stalling the run: every test
// (and every file, as a whole) gets TEST_TIMEOUT_MS, a file whose tests are done exits even if a
// handle is left open, and the whole run stops after RUN_TIMEOUT_MS.
const testTimeout = Number(process.env.TEST_TIMEOUT_MS ?? 240_000);
const runTimeout = Number(process.env.RUN_TIMEOUT_MS ?? 25 * 60_000);
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    `--test-timeout=${testTimeout}`,
    '--test-force-exit',
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    `--test-reporter=${fileURLToPath(new URL('./test-progress.mjs', import.meta.url))}`,
    '--test-reporter-destination=stderr',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
const watchdog = setTimeout(() => {
  console.error(`[tests] the run took longer than ${runTimeout / 60_000} minutes: stopped (RUN_TIMEOUT_MS).`);
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
}, runTimeout);
watchdog.unref();
child.on('exit', (code, signal) => {
  clearTimeout(watchdog);
  process.exit(code ?? (signal ? 1 : 0));
});
