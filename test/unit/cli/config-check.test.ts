import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConfigCheck } from '../../../src/cli/config-check.js';

function oneLocation(t: TestContext, conf?: string, auth?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'etc'));
  mkdirSync(join(dir, 'var', '.one'), { recursive: true });
  if (conf !== undefined) writeFileSync(join(dir, 'etc', 'sunstone-server.conf'), conf);
  if (auth !== undefined) {
    writeFileSync(join(dir, 'var', '.one', 'sunstone_auth'), auth);
    chmodSync(join(dir, 'var', '.one', 'sunstone_auth'), 0o600);
  }
  return dir;
}

function run(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runConfigCheck(
    argv,
    env,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err };
}

test('a good file: exit 0, the effective settings with secrets masked', (t) => {
  const secret = 'z'.repeat(32);
  const dir = oneLocation(t, `:port: 9870\n:session_secret: ${secret}\n`, 'serveradmin:topsecret\n');
  const r = run([], { ONE_LOCATION: dir });
  assert.equal(r.code, 0);
  assert.deepEqual(r.err, []);
  assert.match(r.out, /^:port: 9870$/m);
  assert.match(r.out, /^# serveradmin credentials: readable, user serveradmin$/m);
  assert.ok(!r.out.includes(secret));
  assert.ok(!r.out.includes('topsecret'));
});

test('problems: exit 1, one line each on stderr, then a count', (t) => {
  const dir = oneLocation(t);
  const file = join(dir, 'bad.conf');
  writeFileSync(file, ':port: 70000\n:auth: ldap\n');
  const r = run(['--config', file], {});
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.deepEqual(r.err, [
    `${file}:1: :port is 70000; expected an integer from 1 to 65535`,
    `${file}:2: :auth is "ldap"; expected one of sunstone, opennebula, remote, x509`,
    '2 problems found; sunstone-server would not start',
  ]);
});

test('--config=FILE form, warnings on stderr, unusable credentials reported without failing', (t) => {
  const dir = oneLocation(t);
  const file = join(dir, 'x.conf');
  writeFileSync(file, ':prot: 1\n');
  const r = run([`--config=${file}`], { ONE_LOCATION: dir });
  assert.equal(r.code, 0);
  assert.deepEqual(r.err, [`warning: ${file}:1: unknown key :prot ignored (did you mean :port?)`]);
  assert.match(r.out, /^# serveradmin credentials: NOT usable by this user: .*does not exist/m);
});

test('an explicit missing file is a problem; a bad command line exits 2', () => {
  const r = run(['--config', '/nonexistent.conf'], {});
  assert.equal(r.code, 1);
  assert.match(r.err[0] ?? '', /^\/nonexistent\.conf: no such file/);
  assert.equal(run(['--bogus'], {}).code, 2);
  assert.equal(run(['--config'], {}).code, 2);
  assert.equal(run(['--help'], {}).code, 0);
});
