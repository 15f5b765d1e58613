import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLimited } from '../../../../src/ui/model/run-limited.js';

test('never more than `limit` calls in flight, results in input order', async () => {
  let inFlight = 0;
  let most = 0;
  const items = Array.from({ length: 10 }, (_, i) => i);
  const out = await runLimited(items, 3, async (n) => {
    inFlight++;
    most = Math.max(most, inFlight);
    // Finish out of order: later items resolve sooner.
    await new Promise((r) => setImmediate(r));
    if (n % 2 === 0) await new Promise((r) => setImmediate(r));
    inFlight--;
    return n * 2;
  });
  assert.deepEqual(
    out,
    items.map((n) => n * 2),
  );
  assert.equal(most, 3);
});

test('an empty list resolves at once', async () => {
  assert.deepEqual(await runLimited([], 4, async () => 1), []);
});
