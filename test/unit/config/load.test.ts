import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings } from '../../../src/config/defaults.js';
import { loadConfig } from '../../../src/config/load.js';
import type { LoadOptions } from '../../../src/config/load.js';
import type { SunstoneConfig } from '../../../src/config/types.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/config');

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeConf(t: TestContext, text: string): string {
  const file = join(tempDir(t), 'sunstone-server.conf');
  writeFileSync(file, text);
  return file;
}

/** loadConfig with no endpoint files, so results never depend on the machine running the tests. */
const load = (opts: Omit<LoadOptions, 'endpointFiles'> & { endpointFiles?: readonly string[] }) =>
  loadConfig({ endpointFiles: [], ...opts });

function fileSettings(c: SunstoneConfig): Record<string, unknown> {
  const { source: _s, paths: _p, pool_page_size: _ps, ...rest } = c;
  return rest;
}

function thrown(fn: () => unknown): { code: string; message: string; problems: readonly string[] } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string; problems: readonly string[] };
  }
  assert.fail('expected an error');
}

test('sunstone-server.conf.example yields exactly the defaults, without warnings', () => {
  const { config, warnings } = load({ configFile: join(ROOT, 'sunstone-server.conf.example'), env: {} });
  assert.deepEqual(warnings, []);
  assert.deepEqual(fileSettings(config), defaultSettings());
  assert.equal(config.pool_page_size, 200);
});

test('the shipped commented layout and the re-dumped --- layout give the same settings', () => {
  const a = load({ configFile: join(FIXTURES, 'shipped-layout.conf'), env: {} });
  const b = load({ configFile: join(FIXTURES, 'redumped.conf'), env: {} });
  assert.deepEqual(a.warnings, []);
  assert.deepEqual(b.warnings, []);
  assert.deepEqual(fileSettings(a.config), fileSettings(b.config));
  const c = a.config;
  assert.equal(c.port, 9870);
  assert.equal(c.sessions, 'memcache');
  assert.deepEqual(c.memcache_host, ['mc1.example.com', 'mc2.example.com']);
  assert.deepEqual(c.log, { level: 2, system: 'syslog' });
  assert.equal(c.one_xmlrpc, 'http://oned.example.com:2633/RPC2');
  assert.equal(c.one_xmlrpc_timeout, 30);
  assert.equal(c.vnc_proxy_support_wss, 'yes');
  assert.equal(c.vnc_proxy_cert, '/etc/one/ssl/cert.pem');
  assert.equal(c.vnc_proxy_key, '');
  assert.equal(c.allow_vnc_federation, 'no');
  assert.equal(c.keep_me_logged, false);
  assert.equal(c.table_order, 'asc');
  assert.deepEqual(c.routes, ['oneflow', 'support']);
  assert.deepEqual(c.support_fs, ['ext4', 'xfs']);
  assert.equal(c.mode, 'mixed');
  assert.equal(c.env, 'prod');
});

test('an explicit --config that does not exist is an error naming the file', () => {
  const e = thrown(() => load({ configFile: '/nonexistent/sunstone.conf', env: {} }));
  assert.equal(e.code, 'SUN_ERR_CONFIG_UNREADABLE');
  assert.match(e.message, /^\/nonexistent\/sunstone\.conf: no such file \(given with --config\)/);
  assert.equal(e.problems.length, 1);
});

test('a missing default file means the defaults, with a warning', (t) => {
  const dir = tempDir(t);
  const { config, warnings } = load({ env: { ONE_LOCATION: dir } });
  assert.equal(config.source, null);
  assert.deepEqual(fileSettings(config), defaultSettings());
  assert.deepEqual(warnings, [
    `no configuration file at ${dir}/etc/sunstone-server.conf; using Sunstone's defaults`,
  ]);
});

test('with ONE_LOCATION the file is read from $ONE_LOCATION/etc', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'etc'));
  writeFileSync(join(dir, 'etc', 'sunstone-server.conf'), ':port: 9999\n');
  const { config } = load({ env: { ONE_LOCATION: dir } });
  assert.equal(config.port, 9999);
  assert.equal(config.source, join(dir, 'etc', 'sunstone-server.conf'));
  assert.equal(config.paths.sunstoneAuth, join(dir, 'var', '.one', 'sunstone_auth'));
});

test('a directory given as the file is unreadable', (t) => {
  const e = thrown(() => load({ configFile: tempDir(t), env: {} }));
  assert.equal(e.code, 'SUN_ERR_CONFIG_UNREADABLE');
  assert.match(e.message, /is a directory/);
});

test('all problems come in one ConfigError, one line each', (t) => {
  const file = writeConf(t, ':port: 70000\n:sessions: redis\n:one_xmlrpc: nope\n:foo: 1\n');
  const e = thrown(() => load({ configFile: file, env: {} }));
  assert.equal(e.code, 'SUN_ERR_CONFIG_INVALID');
  assert.deepEqual(e.problems, [
    `${file}:1: :port is 70000; expected an integer from 1 to 65535`,
    `${file}:2: :sessions is "redis"; expected one of memory, memcache, memcache-dalli`,
    `${file}:3: :one_xmlrpc is "nope"; expected an http:// or https:// URL such as http://HOST:2633/RPC2`,
  ]);
  assert.equal(e.message, e.problems.join('\n'));
});

test('a YAML syntax error stops loading with file:line:col', (t) => {
  const file = writeConf(t, ':port: 9869\n:host: [oops\n');
  const e = thrown(() => load({ configFile: file, env: {} }));
  assert.equal(e.code, 'SUN_ERR_CONFIG_INVALID');
  assert.match(e.problems[0] ?? '', new RegExp(`^${file}:\\d+:\\d+: YAML syntax error`));
});

test('unknown keys are warnings, not errors', (t) => {
  const file = writeConf(t, ':port: 9869\n:foo: 1\n');
  const { warnings } = load({ configFile: file, env: {} });
  assert.deepEqual(warnings, [`${file}:2: unknown key :foo ignored`]);
});

test('oned endpoint: :one_xmlrpc wins over ONE_XMLRPC', (t) => {
  const file = writeConf(t, ':one_xmlrpc: http://key:2633/RPC2\n');
  const { config } = load({ configFile: file, env: { ONE_XMLRPC: 'http://env:2633/RPC2' } });
  assert.equal(config.one_xmlrpc, 'http://key:2633/RPC2');
});

test('oned endpoint: ONE_XMLRPC when the key is absent, then one_endpoint files, then the default', (t) => {
  const file = writeConf(t, ':port: 9869\n');
  const endpointFile = join(tempDir(t), 'one_endpoint');
  writeFileSync(endpointFile, 'http://file:2633/RPC2\n');
  const env = { ONE_XMLRPC: 'http://env:2633/RPC2' };
  assert.equal(
    load({ configFile: file, env, endpointFiles: [endpointFile] }).config.one_xmlrpc,
    'http://env:2633/RPC2',
  );
  assert.equal(
    load({ configFile: file, env: {}, endpointFiles: ['/nonexistent', endpointFile] }).config.one_xmlrpc,
    'http://file:2633/RPC2',
  );
  assert.equal(load({ configFile: file, env: {} }).config.one_xmlrpc, 'http://localhost:2633/RPC2');
});

test('a bad ONE_XMLRPC is a problem that names the variable', (t) => {
  const file = writeConf(t, ':port: 9869\n');
  const e = thrown(() => load({ configFile: file, env: { ONE_XMLRPC: 'oned:2633' } }));
  assert.deepEqual(e.problems, [
    'ONE_XMLRPC (environment) is "oned:2633"; expected an http:// or https:// URL such as ' +
      'http://HOST:2633/RPC2 (or set :one_xmlrpc in the configuration file)',
  ]);
});

test('ONE_XMLRPC_TIMEOUT wins over :one_xmlrpc_timeout only when set', (t) => {
  const file = writeConf(t, ':one_xmlrpc_timeout: 90\n');
  assert.equal(load({ configFile: file, env: {} }).config.one_xmlrpc_timeout, 90);
  assert.equal(load({ configFile: file, env: { ONE_XMLRPC_TIMEOUT: '15' } }).config.one_xmlrpc_timeout, 15);
  assert.equal(load({ configFile: file, env: { ONE_XMLRPC_TIMEOUT: '' } }).config.one_xmlrpc_timeout, 90);
  const e = thrown(() => load({ configFile: file, env: { ONE_XMLRPC_TIMEOUT: 'soon' } }));
  assert.match(
    e.problems[0] ?? '',
    /^ONE_XMLRPC_TIMEOUT \(environment\) is "soon"; expected a whole number of seconds/,
  );
});

test('ONE_POOL_PAGE_SIZE: 200 by default, its value when >= 2, else paging off with a warning', (t) => {
  const file = writeConf(t, ':port: 9869\n');
  const page = (v?: string) =>
    load({ configFile: file, env: v === undefined ? {} : { ONE_POOL_PAGE_SIZE: v } });
  assert.equal(page().config.pool_page_size, 200);
  assert.equal(page('500').config.pool_page_size, 500);
  assert.equal(page('2').config.pool_page_size, 2);
  for (const bad of ['1', '0', 'abc', '-5', '']) {
    const r = page(bad);
    assert.equal(r.config.pool_page_size, 0, bad);
    assert.match(r.warnings[0] ?? '', /^ONE_POOL_PAGE_SIZE \(environment\) is .*without paging/);
  }
});

test('the old :debug_level counts when :log is absent, not when it is present', (t) => {
  assert.deepEqual(load({ configFile: writeConf(t, ':debug_level: 1\n'), env: {} }).config.log, {
    level: 1,
    system: 'file',
  });
  const both = writeConf(t, ':debug_level: 1\n:log:\n  :level: 2\n');
  assert.deepEqual(load({ configFile: both, env: {} }).config.log, { level: 2, system: 'file' });
});

test('an :expire_margin larger than :expire_delta falls back to 1800/300, as Sunstone does', (t) => {
  const file = writeConf(t, ':expire_delta: 100\n:expire_margin: 200\n');
  const { config, warnings } = load({ configFile: file, env: {} });
  assert.equal(config.expire_delta, 1800);
  assert.equal(config.expire_margin, 300);
  assert.match(warnings[0] ?? '', /:expire_margin \(200\) is larger than :expire_delta \(100\)/);
});

test('the configuration is deep-frozen', (t) => {
  const { config } = load({ configFile: writeConf(t, ':port: 9869\n'), env: {} });
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.log));
  assert.ok(Object.isFrozen(config.memcache_host));
  assert.ok(Object.isFrozen(config.paths));
  assert.ok(Object.isFrozen((config.leases as { suspense: object }).suspense));
  assert.throws(() => {
    (config as { port: number }).port = 1;
  }, TypeError);
  // Loading again gives fresh objects: nothing is shared with the defaults table.
  const again = load({ configFile: writeConf(t, ':port: 9869\n'), env: {} }).config;
  assert.notEqual(again.leases, config.leases);
});
