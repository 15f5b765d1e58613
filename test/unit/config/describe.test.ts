import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_KEYS } from '../../../src/config/defaults.js';
import { describeConfig, maskUrlPassword } from '../../../src/config/describe.js';
import { loadConfig } from '../../../src/config/load.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function writeConf(t: TestContext, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-describe-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'sunstone-server.conf');
  writeFileSync(file, text);
  return file;
}

const load = (configFile: string) => loadConfig({ configFile, env: {}, endpointFiles: [] }).config;

test('every key is listed, Ruby-symbol style', () => {
  const text = describeConfig(load(join(ROOT, 'sunstone-server.conf.example')));
  for (const key of Object.keys(FILE_KEYS)) assert.match(text, new RegExp(`^:${key}:`, 'm'), key);
  assert.match(text, /^:port: 9869$/m);
  assert.match(text, /^:log:\n {2}:level: 3\n {2}:system: file$/m);
  assert.match(text, /^:vnc_proxy_support_wss: "no"$/m);
  assert.match(text, /^# file: .*sunstone-server\.conf\.example$/m);
});

test('secrets and URL passwords are masked', (t) => {
  const secret = 's'.repeat(40);
  const file = writeConf(
    t,
    `:session_secret: ${secret}\n:token_remote_support: bob:pa55word\n` +
      ':one_xmlrpc: https://admin:oned-pass@oned:2633/RPC2\n:proxy: http://u:proxy-pass@proxy:3128\n',
  );
  const text = describeConfig(load(file));
  for (const hidden of [secret, 'pa55word', 'oned-pass', 'proxy-pass'])
    assert.ok(!text.includes(hidden), hidden);
  assert.match(text, /^:session_secret: '\*{8}'$/m);
  assert.match(text, /^:token_remote_support: '\*{8}'$/m);
  assert.match(text, /^:one_xmlrpc: https:\/\/admin:\*{8}@oned:2633\/RPC2$/m);
});

test('maskUrlPassword leaves URLs without a password alone', () => {
  assert.equal(maskUrlPassword('http://oned:2633/RPC2'), 'http://oned:2633/RPC2');
  assert.equal(maskUrlPassword('http://user@oned/'), 'http://user@oned/');
  assert.equal(maskUrlPassword('http://u:p@h/'), 'http://u:********@h/');
});

test('the output is a sunstone-server.conf that loads to the same settings', (t) => {
  for (const source of ['sunstone-server.conf.example', 'test/fixtures/config/shipped-layout.conf']) {
    const original = load(join(ROOT, source));
    const again = loadConfig({
      configFile: writeConf(t, describeConfig(original)),
      env: {},
      endpointFiles: [],
    });
    assert.deepEqual(again.warnings, []);
    const { source: _a, ...x } = original;
    const { source: _b, ...y } = again.config;
    assert.deepEqual(y, x, source);
  }
});
