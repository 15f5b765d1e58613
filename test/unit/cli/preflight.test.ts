// The primary's checks before forking (and before a SIGHUP reload), with the command-line overrides
// loadRunConfig puts over the file.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { preflight } from '../../../src/cli/preflight.js';
import { loadRunConfig } from '../../../src/cli/run-config.js';

function oneLocation(t: TestContext, conf: string, auth: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-preflight-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'etc'));
  mkdirSync(join(dir, 'var', '.one'), { recursive: true });
  writeFileSync(join(dir, 'etc', 'sunstone-server.conf'), conf);
  if (auth !== null) {
    writeFileSync(join(dir, 'var', '.one', 'sunstone_auth'), auth);
    chmodSync(join(dir, 'var', '.one', 'sunstone_auth'), 0o600);
  }
  return dir;
}

test('command-line overrides win over the file', (t) => {
  const dir = oneLocation(t, ':port: 9870\n:workers: 4\n', 'serveradmin:x\n');
  const { config } = loadRunConfig({ port: 9999, host: '::1', workers: 'auto' }, { ONE_LOCATION: dir });
  assert.equal(config.port, 9999);
  assert.equal(config.host, '::1');
  assert.equal(config.workers, 'auto');
  assert.ok(Object.isFrozen(config));
  assert.equal(loadRunConfig({}, { ONE_LOCATION: dir }).config.workers, 4);
});

test('memcache sessions, readable credentials: several workers may start', (t) => {
  const dir = oneLocation(t, ':sessions: memcache\n', 'serveradmin:x\n');
  const { config } = loadRunConfig({}, { ONE_LOCATION: dir });
  assert.doesNotThrow(() => preflight(config, 4, 'the command line (--workers)'));
});

test('every problem at once: memory sessions with 2 workers, sunstone_auth missing', (t) => {
  const dir = oneLocation(t, ':sessions: memory\n', null);
  const { config } = loadRunConfig({}, { ONE_LOCATION: dir });
  assert.throws(
    () => preflight(config, 2, 'the command line (--workers)'),
    (e: Error & { code?: string; problems?: readonly string[] }) => {
      assert.equal(e.code, 'SUN_ERR_CLI_PREFLIGHT');
      assert.equal(e.problems?.length, 2);
      assert.match(e.message, /sunstone_auth/);
      assert.match(e.message, /:workers is 2 in the command line \(--workers\).*set :sessions: memcache/s);
      return true;
    },
  );
  // One worker with memory sessions is fine (the credentials problem stays).
  assert.throws(
    () => preflight(config, 1, 'x'),
    (e: Error) => !/memcache/.test(e.message),
  );
});
