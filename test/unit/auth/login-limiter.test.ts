import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCounterStore, LOGIN_LIMITS, LoginLimiter } from '../../../src/auth/login-limiter.js';
import { MemoryCounters } from '../../../src/session/memory-counters.js';
import type { CounterStore } from '../../../src/session/store.js';

const W = LOGIN_LIMITS.windowSeconds * 1000;

function limiter(start: number) {
  let now = start;
  const counters = new MemoryCounters(1000, () => now);
  return {
    limiter: new LoginLimiter({
      counters,
      now: () => now,
      limits: { windowSeconds: 300, perUser: 3, perAddress: 5 },
    }),
    counters,
    advance: (ms: number) => (now += ms),
  };
}

test('a user name is refused after its limit of failures, until the window ends (Retry-After exact)', async () => {
  const { limiter: l, advance } = limiter(10 * W + 100_000); // 100 s into a window
  for (let i = 0; i < 3; i++) {
    assert.equal(await l.retryAfter('10.0.0.1', 'alice'), 0);
    await l.failed(`10.0.0.${i}`, 'alice');
  }
  assert.equal(await l.retryAfter('10.0.0.9', 'alice'), 200);
  assert.equal(await l.retryAfter('10.0.0.9', 'bob'), 0, 'other users are not affected');
  advance(150_500);
  assert.equal(await l.retryAfter('10.0.0.9', 'alice'), 50);
  advance(49_500);
  assert.equal(await l.retryAfter('10.0.0.9', 'alice'), 0, 'a new window');
});

test('spellings of a name share its counter (external drivers may ignore case)', async () => {
  const { limiter: l } = limiter(0);
  await l.failed('10.0.0.1', 'alice');
  await l.failed('10.0.0.2', 'Alice');
  await l.failed('10.0.0.3', 'ALICE');
  assert.ok((await l.retryAfter('10.0.0.4', 'aLiCe')) > 0);
});

test('an address is refused after its limit, whatever the user names', async () => {
  const { limiter: l } = limiter(0);
  for (let i = 0; i < 5; i++) await l.failed('192.0.2.7', `user${i}`);
  assert.ok((await l.retryAfter('192.0.2.7', 'someone-else')) > 0);
  assert.ok((await l.retryAfter('192.0.2.7', undefined)) > 0);
  assert.equal(await l.retryAfter('192.0.2.8', 'someone-else'), 0);
});

test('failures without a user name count for the address only; success clears the user', async () => {
  const { limiter: l } = limiter(0);
  for (let i = 0; i < 4; i++) await l.failed('192.0.2.7', undefined);
  assert.equal(await l.retryAfter('192.0.2.7', undefined), 0);
  await l.failed('192.0.2.1', 'alice');
  await l.failed('192.0.2.2', 'alice');
  await l.succeeded('alice');
  await l.failed('192.0.2.3', 'alice');
  await l.failed('192.0.2.4', 'alice');
  assert.equal(await l.retryAfter('192.0.2.5', 'alice'), 0, 'only two failures since the success');
  await l.failed('192.0.2.4', 'alice');
  assert.ok((await l.retryAfter('192.0.2.5', 'alice')) > 0);
});

test('a counter store that cannot answer rejects (the route answers 503), it is not a refusal', async () => {
  const down: CounterStore = {
    incr: () => Promise.reject(new Error('down')),
    count: () => Promise.reject(new Error('down')),
    reset: () => Promise.reject(new Error('down')),
  };
  const l = new LoginLimiter({ counters: down, now: () => 0 });
  await assert.rejects(l.retryAfter('a', 'b'), /down/);
  await assert.rejects(l.failed('a', 'b'), /down/);
});

test('the default limits, and which stores keep counters', () => {
  assert.deepEqual({ ...LOGIN_LIMITS }, { windowSeconds: 300, perUser: 10, perAddress: 50 });
  assert.equal(isCounterStore(new MemoryCounters(1, Date.now)), true);
  assert.equal(isCounterStore({ get() {}, set() {} }), false);
});
