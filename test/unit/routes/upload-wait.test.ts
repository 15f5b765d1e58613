// POST /upload waits while oned's driver copies the file (image LOCKED), bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OneJson } from '../../../src/one/types.js';
import { waitWhileLocked } from '../../../src/routes/upload.js';

function reader(states: string[]): { read: () => Promise<OneJson>; reads: () => number } {
  let n = 0;
  return {
    read: async () => ({ IMAGE: { ID: '7', STATE: states[Math.min(n++, states.length - 1)] ?? '1' } }),
    reads: () => n,
  };
}

test('reads until the image leaves LOCKED, LOCKED_USED and LOCKED_USED_PERS', async () => {
  let clock = 0;
  const slept: number[] = [];
  const r = reader(['4', '9', '10', '1']);
  const doc = await waitWhileLocked(r.read, {
    pollMs: 1000,
    maxWaitMs: 60_000,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => clock,
  });
  assert.deepEqual(doc, { IMAGE: { ID: '7', STATE: '1' } });
  assert.equal(r.reads(), 4);
  assert.deepEqual(slept, [1000, 1000, 1000]);
});

test('gives up after maxWaitMs and answers the image as it is', async () => {
  let clock = 0;
  const r = reader(['4']);
  const doc = await waitWhileLocked(r.read, {
    pollMs: 1000,
    maxWaitMs: 5000,
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
  });
  assert.equal((doc.IMAGE as { STATE: string }).STATE, '4');
  assert.equal(r.reads(), 6, 'one read, then one per second for five seconds');
});

test('an image that fails to copy (ERROR) ends the wait too', async () => {
  const r = reader(['4', '5']);
  const doc = await waitWhileLocked(r.read, {
    pollMs: 1,
    maxWaitMs: 1000,
    sleep: async () => {},
    now: () => 0,
  });
  assert.equal((doc.IMAGE as { STATE: string }).STATE, '5');
});
