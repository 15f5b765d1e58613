import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemcacheStore } from '../../../src/session/memcache-store.js';
import { MemoryStore } from '../../../src/session/memory-store.js';
import {
  checkWorkersFitStore,
  createSessionStore,
  logStoreHealth,
  type StoreConfig,
} from '../../../src/session/store-from-config.js';
import type { SessionStore } from '../../../src/session/store.js';

const base: StoreConfig = {
  sessions: 'memory',
  memcache_host: ['localhost'],
  memcache_port: 11211,
  memcache_namespace: 'opennebula.sunstone',
  source: '/etc/one/sunstone-server.conf',
};

test(':sessions picks the store; memcache and memcache-dalli are both memcached', async () => {
  const memory = createSessionStore(base);
  assert.ok(memory instanceof MemoryStore);
  for (const sessions of ['memcache', 'memcache-dalli'] as const) {
    const store = createSessionStore({
      ...base,
      sessions,
      memcache_host: ['a', 'b:11300', '::1'],
      memcache_port: 11222,
    });
    assert.ok(store instanceof MemcacheStore);
    assert.deepEqual(store.servers, ['a:11222', 'b:11300', '[::1]:11222']);
    await store.close();
  }
  assert.throws(() => createSessionStore({ ...base, sessions: 'memcache', memcache_host: ['a:x'] }), {
    code: 'SUN_ERR_SESSION_OPTION',
  });
});

test('the memory store refuses more than one worker, and the message says to set :sessions: memcache', () => {
  checkWorkersFitStore('memory', 1);
  checkWorkersFitStore('memcache', 8);
  checkWorkersFitStore('memcache-dalli', 2);
  assert.throws(
    () => checkWorkersFitStore('memory', 2, '/etc/one/sunstone-server.conf'),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'SUN_ERR_SESSION_WORKERS');
      assert.match(err.message, /:workers is 2 in \/etc\/one\/sunstone-server\.conf/);
      assert.match(err.message, /set :sessions: memcache/);
      return true;
    },
  );
});

test('start-up health is logged: info when reachable, a warning (not an error) when not', async () => {
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) };
  assert.equal(await logStoreHealth(new MemoryStore(), log), true);
  const down: SessionStore = {
    get: async () => null,
    set: async () => undefined,
    destroy: async () => undefined,
    close: async () => undefined,
    health: async () => ({ ok: false, detail: 'memcached 127.0.0.1:1 down (connect ECONNREFUSED)' }),
  };
  assert.equal(await logStoreHealth(down, log), false);
  assert.match(lines[0] ?? '', /^info session store: memory session store/);
  assert.match(
    lines[1] ?? '',
    /^warn session store unavailable at start-up: memcached 127\.0\.0\.1:1 down .*starting anyway/,
  );
});
