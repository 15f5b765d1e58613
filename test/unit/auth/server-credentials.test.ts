import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readServerCredentials } from '../../../src/auth/server-credentials.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PASSWORD = 'Pa55-w0rd:with:colons';
const ME = { uid: 1234, username: 'sunstone', group: 'sunstone' };

function dir(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'sunstone-auth-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

function authFile(t: TestContext, content: string, mode = 0o600): string {
  const file = join(dir(t), 'sunstone_auth');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

function failure(fn: () => unknown): { code: string; message: string; file?: string } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string };
  }
  assert.fail('expected an error');
}

test('user:password, split at the first colon, trailing whitespace stripped', (t) => {
  const creds = readServerCredentials(authFile(t, `serveradmin:${PASSWORD}  \r\n\n`), ME);
  assert.equal(creds.user, 'serveradmin');
  assert.equal(creds.password, PASSWORD);
  assert.deepEqual(creds.warnings, []);
});

test('a missing file: says oned writes it and where to copy it from', () => {
  const e = failure(() => readServerCredentials('/nonexistent/.one/sunstone_auth', ME));
  assert.equal(e.code, 'SUN_ERR_AUTH_CREDENTIALS_MISSING');
  assert.match(
    e.message,
    /\/nonexistent\/\.one\/sunstone_auth does not exist\. oned writes it the first time/,
  );
  assert.match(e.message, /copy \/var\/lib\/one\/\.one\/sunstone_auth from the front-end/);
});

test('an empty file (or only whitespace)', (t) => {
  for (const content of ['', ' \n\n']) {
    const file = authFile(t, content);
    const e = failure(() => readServerCredentials(file, ME));
    assert.equal(e.code, 'SUN_ERR_AUTH_CREDENTIALS_EMPTY');
    assert.match(e.message, new RegExp(`${file} is empty`));
  }
});

test('not user:password: each reason named, the content never shown', (t) => {
  const cases: [string, RegExp][] = [
    [PASSWORD.replace(/:/g, ''), /there is no colon/],
    [`:${PASSWORD}`, /the user name before the colon is empty/],
    ['serveradmin:', /the password after the colon is empty/],
    [`serveradmin:${PASSWORD}\nmore`, /more than one line/],
  ];
  for (const [content, why] of cases) {
    const file = authFile(t, content);
    const e = failure(() => readServerCredentials(file, ME));
    assert.equal(e.code, 'SUN_ERR_AUTH_CREDENTIALS_FORMAT', content);
    assert.match(e.message, why);
    assert.match(e.message, /not in the form user:password/);
    assert.ok(!e.message.includes('Pa55'), 'the password leaked into the message');
  }
});

test('a directory in place of the file', (t) => {
  const d = dir(t);
  const e = failure(() => readServerCredentials(d, ME));
  assert.equal(e.code, 'SUN_ERR_AUTH_CREDENTIALS_UNREADABLE');
  assert.match(e.message, /is a directory/);
});

test('a file every local user can read gives a warning with the chmod that fixes it', (t) => {
  const file = authFile(t, `serveradmin:${PASSWORD}\n`, 0o644);
  const { warnings } = readServerCredentials(file, ME);
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0] ?? '',
    new RegExp(`can be read by every local user .*mode 0644\\); restrict it: chmod 640 ${file}`),
  );
  assert.deepEqual(readServerCredentials(authFile(t, `serveradmin:${PASSWORD}\n`, 0o640), ME).warnings, []);
});

/** Reads `file` as another user: root drops to nobody in a child process; others chmod the file away. */
function readAsOtherUser(file: string): { code?: string; message?: string } {
  if (process.getuid?.() !== 0) {
    try {
      readServerCredentials(file);
      return {};
    } catch (err) {
      return err as { code: string; message: string };
    }
  }
  const nobody = /^nobody:[^:]*:(\d+):(\d+):/m.exec(readFileSync('/etc/passwd', 'utf8'));
  if (nobody === null) return { code: 'SKIP' };
  const mod = pathToFileURL(join(ROOT, 'src/auth/server-credentials.ts')).href;
  const script =
    `import { readServerCredentials } from '${mod}';` +
    'try { readServerCredentials(process.env.CRED_FILE); console.log("{}"); }' +
    ' catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }';
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    uid: Number(nobody[1]),
    gid: Number(nobody[2]),
    env: { ...process.env, CRED_FILE: file, HOME: tmpdir() },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { code?: string; message?: string };
}

test('no read permission: names the file, the user, owner/group/mode and the fix', (t) => {
  const d = dir(t);
  chmodSync(d, 0o755);
  const file = join(d, 'sunstone_auth');
  writeFileSync(file, `serveradmin:${PASSWORD}\n`);
  chmodSync(file, process.getuid?.() === 0 ? 0o600 : 0o000);
  const e = readAsOtherUser(file);
  if (e.code === 'SKIP') return t.skip('no user nobody to drop privileges to');
  assert.equal(e.code, 'SUN_ERR_AUTH_CREDENTIALS_UNREADABLE');
  const user = process.getuid?.() === 0 ? 'nobody' : '\\S+';
  assert.match(
    e.message ?? '',
    new RegExp(
      `cannot read the serveradmin credentials file ${file} as user ${user} \\(uid \\d+\\): it belongs to \\S+:\\S+ with mode 0[0-7]{3}\\. `,
    ),
  );
  assert.match(
    e.message ?? '',
    new RegExp(
      `Run sunstone-server as \\S+, or let its group read the file: chgrp \\S+ ${file} && chmod 640 ${file}`,
    ),
  );
  assert.ok(!(e.message ?? '').includes('Pa55'));
});

test('a closed directory on the way: names that directory and the fix', (t) => {
  const d = dir(t);
  const inner = join(d, '.one');
  mkdirSync(inner);
  const file = join(inner, 'sunstone_auth');
  writeFileSync(file, `serveradmin:${PASSWORD}\n`);
  chmodSync(d, 0o755);
  chmodSync(inner, 0o700);
  if (process.getuid?.() !== 0) {
    chmodSync(inner, 0o000);
    t.after(() => chmodSync(inner, 0o700));
  }
  const e = readAsOtherUser(file);
  if (e.code === 'SKIP') return t.skip('no user nobody to drop privileges to');
  assert.equal(e.code, 'SUN_ERR_AUTH_CREDENTIALS_UNREADABLE');
  assert.match(e.message ?? '', new RegExp(`the directory ${inner} is closed to that user \\(it belongs to`));
  assert.match(e.message ?? '', new RegExp(`chgrp \\S+ ${inner} && chmod 750 ${inner}`));
});
