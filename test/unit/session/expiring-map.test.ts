import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExpiringMap } from '../../../src/session/expiring-map.js';

test('entries live for their TTL and are dropped once read expired', () => {
  const clock = { now: 1_000_000 };
  const m = new ExpiringMap<string>(10, () => clock.now);
  m.set('a', 'x', 2);
  m.set('b', 'y', 1);
  clock.now += 999;
  assert.equal(m.get('b'), 'y');
  clock.now += 1;
  assert.equal(m.get('b'), undefined);
  assert.equal(m.get('a'), 'x');
  assert.equal(m.size, 1);
  clock.now += 1000;
  assert.equal(m.get('a'), undefined);
  assert.equal(m.size, 0);
});

test('past maxEntries the oldest written goes first; rewriting a key makes it the newest', () => {
  const m = new ExpiringMap<number>(2, () => 0);
  m.set('a', 1, 60);
  m.set('b', 2, 60);
  m.set('a', 3, 60);
  m.set('c', 4, 60);
  assert.equal(m.get('b'), undefined);
  assert.equal(m.get('a'), 3);
  assert.equal(m.get('c'), 4);
  m.delete('a');
  assert.equal(m.size, 1);
  m.clear();
  assert.equal(m.size, 0);
});

test('a write sweeps expired entries among the oldest without them being read', () => {
  const clock = { now: 0 };
  const m = new ExpiringMap<number>(100, () => clock.now);
  m.set('old', 1, 1);
  clock.now = 5_000;
  m.set('new', 2, 60);
  assert.equal(m.size, 1);
});
