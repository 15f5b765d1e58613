import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CircuitBreaker } from '../../../src/session/circuit-breaker.js';

test('closed until a failure; then skipped until the retry time, when exactly one probe goes', () => {
  let now = 1000;
  const b = new CircuitBreaker(500, () => now);
  assert.equal(b.gate(), 'use');
  b.fail('connect ECONNREFUSED');
  assert.equal(b.up, false);
  assert.equal(b.downSince, 1000);
  assert.equal(b.lastError, 'connect ECONNREFUSED');
  assert.equal(b.gate(), 'skip');
  now = 1499;
  assert.equal(b.gate(), 'skip');
  now = 1500;
  assert.equal(b.gate(), 'probe');
  assert.equal(b.gate(), 'skip', 'one probe at a time');
  b.fail('still refused');
  assert.equal(b.downSince, 1000, 'down since the first failure');
  assert.equal(b.gate(), 'skip', 'a failed probe waits another retry period');
  now = 2000;
  assert.equal(b.gate(), 'probe');
  b.succeed();
  assert.equal(b.up, true);
  assert.equal(b.downSince, undefined);
  assert.equal(b.gate(), 'use');
});

test('a released probe lets the next request probe', () => {
  let now = 0;
  const b = new CircuitBreaker(500, () => now);
  b.fail('x');
  now = 600;
  assert.equal(b.gate(), 'probe');
  b.release();
  assert.equal(b.gate(), 'probe');
});
