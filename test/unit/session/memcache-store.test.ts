// The memcached store's own logic over fake per-server clients: keys and values, TTLs, failing over,
// the circuit breaker on an injected clock, the in-flight bound and the error messages. The same
// store against real memcached processes is in test/integration/memcache-store.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_RELATIVE_TTL,
  MemcacheStore,
  type MemcacheStoreOptions,
} from '../../../src/session/memcache-store.js';
import { sessionKey } from '../../../src/session/memcache-keys.js';
import { rankServers } from '../../../src/session/memcache-ranking.js';
import type { ServerClient } from '../../../src/session/memcache-server-client.js';
import { demoSession } from '../../helpers/session-data.js';

type Mode = 'ok' | 'refuse' | 'hang' | 'server-error';

class FakeServer {
  mode: Mode = 'ok';
  calls = 0;
  readonly items = new Map<string, { value: string; exptime: number }>();

  #fail(): Promise<never> | undefined {
    this.calls++;
    if (this.mode === 'refuse') return Promise.reject(new Error('connect ECONNREFUSED'));
    if (this.mode === 'hang') return new Promise<never>(() => undefined);
    if (this.mode === 'server-error') {
      return Promise.reject(
        Object.assign(new Error('SERVER_ERROR out of memory'), { cmdTokens: ['SERVER_ERROR'] }),
      );
    }
    return undefined;
  }

  client(): ServerClient {
    return {
      get: (key) => this.#fail() ?? Promise.resolve(this.items.get(key)?.value),
      set: (key, value, exptime) =>
        this.#fail() ?? Promise.resolve(void this.items.set(key, { value, exptime })),
      add: (key, value, exptime) => {
        const f = this.#fail();
        if (f) return f;
        if (this.items.has(key)) return Promise.resolve(false);
        this.items.set(key, { value, exptime });
        return Promise.resolve(true);
      },
      delete: (key) => this.#fail() ?? Promise.resolve(void this.items.delete(key)),
      incr: (key, by) => {
        const f = this.#fail();
        if (f) return f;
        const item = this.items.get(key);
        if (item === undefined) return Promise.resolve(undefined);
        const n = Number(item.value) + by;
        this.items.set(key, { ...item, value: String(n) });
        return Promise.resolve(n);
      },
      version: () => this.#fail() ?? Promise.resolve('VERSION 1.6.18'),
      shutdown: () => undefined,
    };
  }
}

function setup(labels: string[], extra: Partial<MemcacheStoreOptions> = {}) {
  const clock = { now: 1_800_000_000_000 };
  const fakes = new Map(labels.map((l) => [l, new FakeServer()]));
  const store = new MemcacheStore({
    hosts: labels,
    namespace: 'ns',
    now: () => clock.now,
    configFile: '/etc/one/sunstone-server.conf',
    clientFactory: (server) => {
      const f = fakes.get(server.label);
      assert.ok(f, server.label);
      return f.client();
    },
    ...extra,
  });
  const fake = (l: string): FakeServer => {
    const f = fakes.get(l);
    assert.ok(f);
    return f;
  };
  return { store, clock, fake };
}

const data = demoSession(1_800_000_360_000);

test('sessions are JSON under <namespace>:<id>; garbage or foreign values read as no session', async () => {
  const { store, fake } = setup(['a:11211']);
  await store.set('sid1', data, 3600);
  const item = fake('a:11211').items.get('ns:sid1');
  assert.deepEqual(JSON.parse(item?.value ?? ''), data);
  assert.deepEqual(await store.get('sid1'), data);
  fake('a:11211').items.set('ns:bad', { value: '{not json', exptime: 1 });
  fake('a:11211').items.set('ns:other', { value: '{"user":1}', exptime: 1 });
  assert.equal(await store.get('bad'), null);
  assert.equal(await store.get('other'), null);
  assert.equal(await store.get('missing'), null);
  await store.destroy('sid1');
  assert.equal(await store.get('sid1'), null);
});

test('TTL: seconds up to 30 days, an absolute Unix time beyond (memcached rule), at least 1', async () => {
  const { store, clock, fake } = setup(['a:11211']);
  const exptime = async (ttl: number) => {
    await store.set('s', data, ttl);
    return fake('a:11211').items.get('ns:s')?.exptime;
  };
  assert.equal(await exptime(3600), 3600);
  assert.equal(await exptime(30 * 24 * 3600 - 1), 30 * 24 * 3600 - 1, 'remember=true stays relative');
  assert.equal(await exptime(MAX_RELATIVE_TTL), MAX_RELATIVE_TTL);
  assert.equal(await exptime(31 * 24 * 3600), Math.floor(clock.now / 1000) + 31 * 24 * 3600);
  assert.equal(await exptime(0.2), 1);
  assert.equal(await exptime(-5), 1, 'never 0, which memcached reads as "forever"');
});

test('a failed server: 503 naming host:port and the fix, then skipped at once until one probe after retryMs', async () => {
  const { store, clock, fake } = setup(['10.0.0.9:11211']);
  const a = fake('10.0.0.9:11211');
  a.mode = 'refuse';
  await assert.rejects(store.get('x'), (err: Error & { code?: string; statusCode?: number }) => {
    assert.equal(err.code, 'SUN_ERR_SESSION_STORE');
    assert.equal(err.statusCode, 503);
    assert.match(
      err.message,
      /^session store unavailable: memcached at 10\.0\.0\.9:11211 failed \(connect ECONNREFUSED\)/,
    );
    assert.match(err.message, /could not read the session/);
    assert.match(err.message, /:memcache_host\/:memcache_port in \/etc\/one\/sunstone-server\.conf/);
    return true;
  });
  assert.equal(a.calls, 1);
  await assert.rejects(store.set('x', data, 60), {
    message: /is down \(connect ECONNREFUSED; next try within 500 ms\)/,
  });
  await assert.rejects(store.destroy('x'), { code: 'SUN_ERR_SESSION_STORE' });
  assert.equal(a.calls, 1, 'the breaker is open: no call reaches the dead server');
  assert.equal(store.status()[0]?.up, false);

  clock.now += 500;
  a.mode = 'ok';
  await store.set('x', data, 60);
  assert.equal(a.calls, 2, 'one probe after the retry time, and it closes the breaker');
  assert.deepEqual(await store.get('x'), data);
  assert.equal(store.status()[0]?.up, true);
});

test('a server that never answers costs one timeout, then fails at once', async () => {
  const { store, fake } = setup(['a:11211'], { timeoutMs: 20 });
  fake('a:11211').mode = 'hang';
  await assert.rejects(store.get('x'), { message: /a:11211 failed \(no answer within 20 ms\)/ });
  await assert.rejects(store.get('x'), { message: /a:11211 is down/ });
  assert.equal(fake('a:11211').calls, 1);
});

test('operations in flight per server are bounded: beyond it they fail at once and the server stays up', async () => {
  const { store, fake } = setup(['a:11211'], { timeoutMs: 50, maxInFlight: 2 });
  fake('a:11211').mode = 'hang';
  const first = [store.get('1'), store.get('2')];
  await assert.rejects(store.get('3'), { message: /already has 2 operations in flight/ });
  assert.equal(fake('a:11211').calls, 2);
  await Promise.allSettled(first);
  assert.equal(
    store.status()[0]?.inFlight,
    2,
    'the hung commands stay counted until the library settles them',
  );
});

test('memcached answering with an error is a 503 but not a dead server', async () => {
  const { store, fake } = setup(['a:11211']);
  fake('a:11211').mode = 'server-error';
  await assert.rejects(store.set('x', data, 60), {
    message: /memcached at a:11211 refused to store the session \(SERVER_ERROR out of memory\)/,
  });
  assert.equal(store.status()[0]?.up, true);
});

test('several servers: keys spread; a dead one fails over to the next at once and is used again when back', async () => {
  const labels = ['a:11211', 'b:11211'];
  const { store, clock, fake } = setup(labels);
  const ids = Array.from({ length: 40 }, (_, i) => `id${i}`);
  for (const id of ids) await store.set(id, { ...data, user: id }, 60);
  assert.ok(fake('a:11211').items.size > 5 && fake('b:11211').items.size > 5, 'both servers hold keys');

  const onA = ids.filter(
    (id) =>
      rankServers(
        sessionKey('ns', id),
        labels.map((label) => ({ label })),
      )[0]?.label === 'a:11211',
  );
  const onB = ids.filter((id) => !onA.includes(id));
  fake('a:11211').mode = 'refuse';
  // A's sessions are lost (read from b, where they are not): the user logs in again, no error.
  assert.equal(await store.get(onA[0] ?? ''), null);
  assert.equal(store.status().find((s) => s.server === 'a:11211')?.up, false);
  for (const id of onB) assert.equal((await store.get(id))?.user, id, "b's sessions keep working");
  await store.set(onA[1] ?? '', data, 60);
  assert.ok(fake('b:11211').items.has(sessionKey('ns', onA[1] ?? '')), 'new sessions of a go to b');
  const callsWhileDown = fake('a:11211').calls;
  await store.get(onA[2] ?? '');
  assert.equal(fake('a:11211').calls, callsWhileDown, 'no call reaches a while its breaker is open');

  fake('a:11211').mode = 'ok';
  clock.now += 500;
  await store.set(onA[3] ?? '', { ...data, user: 'back' }, 60);
  assert.equal(
    fake('a:11211')
      .items.get(sessionKey('ns', onA[3] ?? ''))
      ?.value.includes('"back"'),
    true,
    'a is used again',
  );
  assert.deepEqual(
    store.status().map((s) => s.up),
    [true, true],
  );
});

test('every server down: the message names each of them', async () => {
  const { store, fake } = setup(['a:1', 'b:2']);
  fake('a:1').mode = 'refuse';
  fake('b:2').mode = 'refuse';
  await assert.rejects(store.get('x'), (err: Error) => {
    assert.match(err.message, /no memcached server could be used: /);
    assert.match(err.message, /a:1 failed \(connect ECONNREFUSED\)/);
    assert.match(err.message, /b:2 failed \(connect ECONNREFUSED\)/);
    return true;
  });
});

test('health() asks every server and says which are up; ping() respects open breakers', async () => {
  const { store, clock, fake } = setup(['a:1', 'b:2']);
  assert.deepEqual(await store.health(), { ok: true, detail: 'memcached a:1 up; b:2 up' });
  fake('b:2').mode = 'refuse';
  assert.deepEqual(await store.health(), {
    ok: true,
    detail: 'memcached a:1 up; b:2 down (connect ECONNREFUSED)',
  });
  const calls = fake('b:2').calls;
  await store.ping();
  assert.equal(fake('b:2').calls, calls, 'a down server is not asked again before its retry time');
  fake('a:1').mode = 'refuse';
  clock.now += 500;
  const h = await store.health();
  assert.equal(h.ok, false);
  assert.match(h.detail, /a:1 down .*b:2 down/);
});

test('counters: incr starts a window at 1 with the TTL, count reads, reset forgets', async () => {
  const { store, fake } = setup(['a:11211']);
  assert.equal(await store.count('alice'), 0);
  assert.equal(await store.incr('alice', 300), 1);
  assert.equal(await store.incr('alice', 300), 2);
  assert.equal(await store.count('alice'), 2);
  assert.equal(fake('a:11211').items.get('ns:counter:alice')?.exptime, 300);
  await store.reset('alice');
  assert.equal(await store.count('alice'), 0);
  assert.equal(await store.incr('a user with spaces', 60), 1);
});

test('after close() every operation is a 503 and health is not ok', async () => {
  const { store } = setup(['a:11211']);
  await store.close();
  await assert.rejects(store.get('x'), { code: 'SUN_ERR_SESSION_STORE', message: /closed/ });
  assert.equal((await store.health()).ok, false);
});

test('options are checked and the error names the option', () => {
  const base = { hosts: ['a'], clientFactory: () => new FakeServer().client() };
  assert.throws(() => new MemcacheStore({ ...base, timeoutMs: 0 }), {
    code: 'SUN_ERR_SESSION_OPTION',
    message: /timeoutMs/,
  });
  assert.throws(() => new MemcacheStore({ ...base, maxInFlight: 0 }), { message: /maxInFlight/ });
  assert.throws(() => new MemcacheStore({ ...base, namespace: 'has space' }), {
    message: /:memcache_namespace/,
  });
  assert.throws(() => new MemcacheStore({ ...base, hosts: ['a:b:c'] }), { message: /:memcache_host/ });
  assert.deepEqual(new MemcacheStore({ ...base, hosts: ['x', '[::1]:5'] }).servers, ['x:11211', '[::1]:5']);
});
