import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkNamespace,
  counterKey,
  MAX_KEY_BYTES,
  MAX_NAMESPACE_BYTES,
  sessionKey,
} from '../../../src/session/memcache-keys.js';
import { rankServers } from '../../../src/session/memcache-ranking.js';

const ID = 'AbC_-0123456789abcdefghijklmnopqrstuvwxyzAB'; // a 43-character base64url id, as cookie.ts makes

test('session keys are <namespace>:<id>; counters live apart under :counter:', () => {
  assert.equal(sessionKey('opennebula.sunstone', ID), `opennebula.sunstone:${ID}`);
  assert.equal(counterKey('ns', 'alice'), 'ns:counter:alice');
  assert.equal(counterKey('ns', '::1'), 'ns:counter:::1', 'addresses stay readable');
});

test('unsafe or long names are hashed: no spaces or control characters, never over 250 bytes', () => {
  const ns = 'n'.repeat(MAX_NAMESPACE_BYTES);
  for (const name of ['with space', 'new\nline', 'ünïcödé', 'x'.repeat(400), '#mark']) {
    for (const key of [sessionKey(ns, name), counterKey(ns, name)]) {
      assert.ok(Buffer.byteLength(key) <= MAX_KEY_BYTES, `${key.length} bytes`);
      assert.match(key, /^[\x21-\x7e]+$/);
      assert.ok(key.includes('#'), `hashed: ${key}`);
    }
  }
  assert.notEqual(sessionKey('ns', 'a b'), sessionKey('ns', 'a  b'));
  assert.match(sessionKey('ns', 'counter:alice'), /^ns:#/, 'an id with a colon is hashed');
  assert.notEqual(
    sessionKey('ns', 'counter:alice'),
    counterKey('ns', 'alice'),
    'an id cannot reach a counter',
  );
});

test('the namespace must be printable ASCII without spaces and not too long', () => {
  checkNamespace('opennebula.sunstone');
  for (const bad of ['has space', '', 'tab\t', 'é', 'n'.repeat(MAX_NAMESPACE_BYTES + 1)]) {
    assert.throws(() => checkNamespace(bad), {
      code: 'SUN_ERR_SESSION_OPTION',
      message: /:memcache_namespace/,
    });
  }
});

test('rendezvous ranking: stable, spread over servers, and dropping a server moves only its keys', () => {
  const servers = ['a:11211', 'b:11211', 'c:11211'].map((label) => ({ label }));
  const keys = Array.from({ length: 3000 }, (_, i) => `ns:key${i}`);
  const first = new Map(keys.map((k) => [k, rankServers(k, servers)[0]?.label]));
  for (const k of keys.slice(0, 50)) assert.equal(rankServers(k, servers)[0]?.label, first.get(k), 'stable');
  for (const s of servers) {
    const share = keys.filter((k) => first.get(k) === s.label).length / keys.length;
    assert.ok(share > 0.25 && share < 0.42, `${s.label} holds ${share}`);
  }
  const withoutB = servers.filter((s) => s.label !== 'b:11211');
  for (const k of keys) {
    const now = rankServers(k, withoutB)[0]?.label;
    if (first.get(k) !== 'b:11211') assert.equal(now, first.get(k), 'keys of a and c stay where they were');
    else assert.equal(now, rankServers(k, servers)[1]?.label, "b's keys go to their second choice");
  }
  assert.deepEqual(rankServers('k', [{ label: 'only' }]), [{ label: 'only' }]);
});
