import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRubyYaml } from '../../../src/config/ruby-yaml.js';
import { validateSettings } from '../../../src/config/validate.js';

const FILE = '/etc/one/sunstone-server.conf';
const validate = (text: string) => validateSettings(parseRubyYaml(text, FILE), FILE);

test('a port out of range names file, line, key, value and the accepted range', () => {
  const v = validate('# header\n:port: 70000\n');
  assert.deepEqual(v.problems, [`${FILE}:2: :port is 70000; expected an integer from 1 to 65535`]);
});

test('a value of the wrong type', () => {
  assert.deepEqual(validate(':port: nine\n').problems, [
    `${FILE}:1: :port is "nine"; expected an integer from 1 to 65535`,
  ]);
  assert.deepEqual(validate(':routes: oneflow\n').problems, [
    `${FILE}:1: :routes is "oneflow"; expected a list of text items`,
  ]);
  assert.deepEqual(validate(':keep_me_logged: 3\n').problems, [
    `${FILE}:1: :keep_me_logged is 3; expected true or false (yes/no also work)`,
  ]);
});

test('unknown :sessions and :auth values list what is accepted', () => {
  const v = validate(':sessions: redis\n:auth: ldap\n:core_auth: kerberos\n');
  assert.deepEqual(v.problems, [
    `${FILE}:1: :sessions is "redis"; expected one of memory, memcache, memcache-dalli`,
    `${FILE}:2: :auth is "ldap"; expected one of sunstone, opennebula, remote, x509`,
    `${FILE}:3: :core_auth is "kerberos"; expected one of cipher, x509`,
  ]);
});

test('a URL that is not one', () => {
  assert.deepEqual(validate(':one_xmlrpc: localhost:2633\n').problems, [
    `${FILE}:1: :one_xmlrpc is "localhost:2633"; expected an http:// or https:// URL such as http://HOST:2633/RPC2`,
  ]);
  assert.deepEqual(validate(':oneflow_server: ftp://x/\n').problems.length, 1);
  assert.deepEqual(validate(':proxy: http://proxy:3128\n').settings.proxy, 'http://proxy:3128');
});

test('every problem is collected, in file order', () => {
  const v = validate(':port: 0\n:host: ""\n:sessions: x\n:log:\n  :level: 7\n  :system: journald\n');
  assert.deepEqual(v.problems, [
    `${FILE}:1: :port is 0; expected an integer from 1 to 65535`,
    `${FILE}:2: :host is ""; expected a non-empty text value`,
    `${FILE}:3: :sessions is "x"; expected one of memory, memcache, memcache-dalli`,
    `${FILE}:5: :log/:level is 7; expected an integer from 0 to 3`,
    `${FILE}:6: :log/:system is "journald"; expected one of file, syslog`,
  ]);
});

test('a list item is named by its position and its key line', () => {
  assert.deepEqual(validate(':trusted_proxies:\n  - 10.0.0.0/8\n  - 10.0.0.0/33\n').problems, [
    `${FILE}:1: :trusted_proxies item 2 is "10.0.0.0/33"; expected an IP address or CIDR range such as 10.0.0.5, 127.0.0.1/8 or ::1`,
  ]);
});

test('YAML booleans where a word is expected get a hint to quote the word', () => {
  const [p] = validate(':sessions: no\n').problems;
  assert.equal(
    p,
    `${FILE}:1: :sessions is false; expected one of memory, memcache, memcache-dalli ` +
      '(YAML reads unquoted yes/no/on/off as true/false: put the word in quotes)',
  );
});

test('secrets never appear in problems', () => {
  const [p] = validate(':session_secret: hunter2\n').problems;
  assert.match(
    p ?? '',
    /^\/etc\/one\/sunstone-server\.conf:1: :session_secret is a hidden value of 7 characters; /,
  );
  assert.ok(!(p ?? '').includes('hunter2'));
});

test('unknown keys are warnings with their line, with a suggestion for near misses', () => {
  const v = validate(':port: 9869\n\n:foo: 1\n:prot: 1\n');
  assert.deepEqual(v.problems, []);
  assert.deepEqual(v.warnings, [
    `${FILE}:3: unknown key :foo ignored`,
    `${FILE}:4: unknown key :prot ignored (did you mean :port?)`,
  ]);
  assert.deepEqual(Object.keys(v.settings), ['port']);
});

test('keys of older Sunstone releases are known: no warning', () => {
  const v = validate(
    ':marketplace_url: http://marketplace.c12g.com/appliance\n:remote_version: http://downloads.opennebula.org/latest\n' +
      ':encode_user_password: true\n:debug_level: 2\n:marketplace_username: u\n:marketplace_password: p\n',
  );
  assert.deepEqual(v.problems, []);
  assert.deepEqual(v.warnings, []);
  assert.equal(v.legacy.debug_level, 2);
});

test('a key written without the colon is not read (as in Sunstone) and says so', () => {
  const v = validate('port: 1\n:log:\n  level: 2\n  :system: file\n');
  assert.deepEqual(v.settings, { log: { level: 3, system: 'file' } });
  assert.deepEqual(v.warnings, [
    `${FILE}:1: port: has no leading colon, so Sunstone never reads it; write :port: (ignored)`,
    `${FILE}:3: level: under :log: has no leading colon, so Sunstone never reads it; write :level: (ignored)`,
  ]);
});

test('unknown sub-keys of :log are warnings', () => {
  assert.deepEqual(validate(':log:\n  :level: 1\n  :colour: red\n').warnings, [
    `${FILE}:3: unknown key :log/:colour ignored`,
  ]);
});

test('no/yes become the words for the tri-state console keys', () => {
  assert.equal(validate(':vnc_proxy_support_wss: no\n').settings.vnc_proxy_support_wss, 'no');
  assert.equal(validate(':vnc_proxy_support_wss: yes\n').settings.vnc_proxy_support_wss, 'yes');
  assert.equal(validate(':vnc_proxy_support_wss: only\n').settings.vnc_proxy_support_wss, 'only');
  assert.equal(validate(':allow_vnc_federation: yes\n').settings.allow_vnc_federation, 'yes');
  assert.equal(
    validate(':disable_guacamole_info_header: no\n').settings.disable_guacamole_info_header,
    false,
  );
});

test('an empty value means the default, or nothing for optional keys', () => {
  const v = validate(':port:\n:vnc_proxy_cert:\n:private_fireedge_endpoint:\n:marketplace_url:\n');
  assert.deepEqual(v.problems, []);
  assert.deepEqual(v.settings, { vnc_proxy_cert: '', private_fireedge_endpoint: '', marketplace_url: null });
});

test(':memcache_host takes a comma list or a YAML list', () => {
  assert.deepEqual(validate(':memcache_host: a, b\n').settings.memcache_host, ['a', 'b']);
  assert.deepEqual(validate(':memcache_host:\n  - a\n  - b\n').settings.memcache_host, ['a', 'b']);
});

test('our additions: workers, base_path, trusted_proxies, session_secret', () => {
  assert.equal(validate(':workers: auto\n').settings.workers, 'auto');
  assert.equal(validate(':workers: 4\n').settings.workers, 4);
  assert.deepEqual(validate(':workers: 0\n').problems, [
    `${FILE}:1: :workers is 0; expected an integer from 1 to 256, or auto (one per CPU)`,
  ]);
  assert.equal(validate(':base_path: /sunstone/\n').settings.base_path, '/sunstone');
  assert.equal(validate(':base_path: /\n').settings.base_path, '');
  assert.equal(validate(':base_path: sunstone\n').problems.length, 1);
  assert.equal(validate(':base_path: /a/../b\n').problems.length, 1);
  assert.deepEqual(validate(':trusted_proxies: []\n').settings.trusted_proxies, []);
  assert.deepEqual(validate(':trusted_proxies: 10.1.2.3, fd00::/8\n').settings.trusted_proxies, [
    '10.1.2.3',
    'fd00::/8',
  ]);
  const secret = 'x'.repeat(32);
  assert.equal(validate(`:session_secret: ${secret}\n`).settings.session_secret, secret);
});

test(':paginate written as a YAML list is kept as the text Sunstone hands the UI', () => {
  assert.equal(validate(':paginate: [[6, 12], [6, 12]]\n').settings.paginate, '[[6, 12], [6, 12]]');
});
