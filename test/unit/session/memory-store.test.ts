import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore } from '../../../src/session/memory-store.js';
import type { SessionData } from '../../../src/session/store.js';

function data(user: string, extra: Partial<SessionData> = {}): SessionData {
  return {
    user,
    user_id: '5',
    user_gid: '1',
    user_gname: 'users',
    display_name: user,
    lang: 'en_US',
    csrftoken: 'tok',
    remember: 'false',
    expires: 10_000_000,
    ...extra,
  };
}

test('a session round-trips as a copy, like memcached', async () => {
  const store = new MemoryStore();
  const d = data('demo');
  await store.set('a', d, 60);
  const back = await store.get('a');
  assert.deepEqual(back, d);
  assert.notEqual(back, d, 'the store keeps serialised data, not the live object');
});

test('unknown ids and destroyed sessions read as null', async () => {
  const store = new MemoryStore();
  assert.equal(await store.get('nope'), null);
  await store.set('a', data('demo'), 60);
  await store.destroy('a');
  assert.equal(await store.get('a'), null);
});

test('entries expire after their TTL on the injected clock', async () => {
  let now = 1_000_000;
  const store = new MemoryStore({ now: () => now });
  await store.set('a', data('demo'), 60);
  now += 59_999;
  assert.notEqual(await store.get('a'), null);
  now += 1;
  assert.equal(await store.get('a'), null);
  assert.equal(store.size, 0, 'an expired entry is dropped when read');
});

test('writes sweep expired entries without a timer', async () => {
  let now = 0;
  const store = new MemoryStore({ now: () => now });
  await store.set('old1', data('a'), 1);
  await store.set('old2', data('b'), 1);
  now = 5000;
  await store.set('new', data('c'), 60);
  assert.equal(store.size, 1);
});

test('the store is bounded: the oldest written session is evicted first', async () => {
  const store = new MemoryStore({ maxEntries: 3 });
  for (const id of ['a', 'b', 'c']) await store.set(id, data(id), 60);
  await store.set('a', data('a2'), 60); // rewriting moves "a" to the young end
  await store.set('d', data('d'), 60);
  assert.equal(store.size, 3);
  assert.equal(await store.get('b'), null, 'b was the oldest write');
  assert.equal((await store.get('a'))?.user, 'a2');
  assert.notEqual(await store.get('c'), null);
  assert.notEqual(await store.get('d'), null);
});

test('close() empties the store and later writes are ignored', async () => {
  const store = new MemoryStore();
  await store.set('a', data('a'), 60);
  await store.close();
  assert.equal(store.size, 0);
  await store.set('b', data('b'), 60);
  assert.equal(await store.get('b'), null);
});

test('maxEntries must be a positive integer', () => {
  assert.throws(() => new MemoryStore({ maxEntries: 0 }), { code: 'SUN_ERR_SESSION_OPTION' });
  assert.throws(() => new MemoryStore({ maxEntries: 1.5 }), { code: 'SUN_ERR_SESSION_OPTION' });
});

test('health: ok while open, not after close', async () => {
  const store = new MemoryStore();
  await store.set('a', data('a'), 60);
  assert.deepEqual(await store.health(), { ok: true, detail: 'memory session store, 1 sessions' });
  await store.close();
  assert.equal((await store.health()).ok, false);
});

test('counters: a window starts at 1, is not extended by increments, and is bounded', async () => {
  let now = 0;
  const store = new MemoryStore({ now: () => now, maxCounters: 2 });
  assert.equal(await store.count('alice'), 0);
  assert.equal(await store.incr('alice', 60), 1);
  now = 30_000;
  assert.equal(await store.incr('alice', 60), 2);
  assert.equal(await store.count('alice'), 2);
  now = 60_000;
  assert.equal(await store.count('alice'), 0, 'the window ends 60 s after it began');
  assert.equal(await store.incr('alice', 60), 1);
  await store.reset('alice');
  assert.equal(await store.count('alice'), 0);
  for (const k of ['x', 'y', 'z']) await store.incr(k, 60);
  assert.equal(await store.count('x'), 0, 'the oldest counter went');
  assert.equal(await store.count('z'), 1);
  assert.equal(await store.count('alice'), 0, 'counters and sessions are apart');
  assert.equal(await store.get('x'), null);
});
