import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMemcacheServer, parseMemcacheServers } from '../../../src/session/memcache-servers.js';

test('host, host:port, [IPv6]:port, [IPv6] and bare IPv6 items', () => {
  const cases: Array<[string, string, number, string]> = [
    ['localhost', 'localhost', 11211, 'localhost:11211'],
    ['cache.example.com:11300', 'cache.example.com', 11300, 'cache.example.com:11300'],
    ['10.0.0.5', '10.0.0.5', 11211, '10.0.0.5:11211'],
    ['10.0.0.5:1', '10.0.0.5', 1, '10.0.0.5:1'],
    ['[::1]:11300', '::1', 11300, '[::1]:11300'],
    ['[fe80::1]', 'fe80::1', 11211, '[fe80::1]:11211'],
    ['::1', '::1', 11211, '[::1]:11211'],
    ['2001:db8::7', '2001:db8::7', 11211, '[2001:db8::7]:11211'],
    ['  spaced:2  ', 'spaced', 2, 'spaced:2'],
  ];
  for (const [item, host, port, label] of cases) {
    assert.deepEqual(parseMemcacheServer(item, 11211), { host, port, label }, item);
  }
});

test('bad items are refused, naming :memcache_host, the item and the accepted forms', () => {
  for (const item of [
    'host:0',
    'host:65536',
    'host:http',
    '[::1',
    '[nothost]:1',
    'a:b:c:1.2',
    ':11211',
    'a b',
    'http://x',
  ]) {
    assert.throws(
      () => parseMemcacheServer(item, 11211),
      (err: Error & { code?: string }) => {
        assert.equal(err.code, 'SUN_ERR_SESSION_OPTION', item);
        assert.match(err.message, /:memcache_host/);
        assert.ok(err.message.includes(`"${item}"`), err.message);
        assert.match(err.message, /\[IPv6\]:port/);
        return true;
      },
    );
  }
});

test('a list: comma items split, duplicates dropped, order kept; an empty list is refused', () => {
  const list = parseMemcacheServers(['a:1,b', ' ', 'a:1', '[::1]'], 11300);
  assert.deepEqual(
    list.map((s) => s.label),
    ['a:1', 'b:11300', '[::1]:11300'],
  );
  assert.throws(() => parseMemcacheServers([], 11211), {
    code: 'SUN_ERR_SESSION_OPTION',
    message: /names no server/,
  });
  assert.throws(() => parseMemcacheServers(['a'], 0), {
    code: 'SUN_ERR_SESSION_OPTION',
    message: /:memcache_port/,
  });
});
