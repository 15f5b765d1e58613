// RestartBackoff: at once the first time, doubling while a slot keeps dying young, give up at the limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartBackoff } from '../../../src/cli/restart-backoff.js';

test('a crash loop: 0, then doubling delays, then give up at maxFailures', () => {
  const b = new RestartBackoff({ initialMs: 100, maxMs: 30_000, stableMs: 10_000, maxFailures: 6 });
  const delays = [];
  for (let i = 0; i < 5; i++) {
    const d = b.onDeath(0, null);
    assert.equal(d.action, 'restart');
    if (d.action === 'restart') delays.push(d.delayMs);
  }
  assert.deepEqual(delays, [0, 100, 200, 400, 800]);
  assert.deepEqual(b.onDeath(0, 500), { action: 'give-up', failures: 6 });
});

test('a worker that served past stableMs starts the count again; slots count apart', () => {
  const b = new RestartBackoff({ stableMs: 10_000, maxFailures: 3 });
  b.onDeath(0, null);
  b.onDeath(0, 2_000);
  assert.deepEqual(b.onDeath(0, 60_000), { action: 'restart', delayMs: 0, failures: 1 });
  assert.deepEqual(b.onDeath(1, null), { action: 'restart', delayMs: 0, failures: 1 });
  assert.equal(b.onDeath(0, null).action, 'restart');
  assert.equal(b.onDeath(0, null).action, 'give-up');
  b.forget(0);
  assert.deepEqual(b.onDeath(0, null), { action: 'restart', delayMs: 0, failures: 1 });
});

test('delays stop growing at maxMs', () => {
  const b = new RestartBackoff({ initialMs: 1000, maxMs: 5000, maxFailures: 100 });
  let last = 0;
  for (let i = 0; i < 20; i++) {
    const d = b.onDeath(3, null);
    if (d.action === 'restart') last = d.delayMs;
  }
  assert.equal(last, 5000);
});
