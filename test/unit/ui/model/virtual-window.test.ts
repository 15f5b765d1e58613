import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindow, scrollToRow } from '../../../../src/ui/model/virtual-window.js';

const base = { viewport: 400, offset: 36, rowHeight: 40, count: 20_000, overscan: 5 };

test('at the top only the first screenful plus the overscan is rendered', () => {
  assert.deepEqual(computeWindow({ ...base, scrollTop: 0 }), { start: 0, end: 15 });
});

test('deep in a 20,000-row list the window follows the scroll position', () => {
  const w = computeWindow({ ...base, scrollTop: 36 + 10_000 * 40 });
  assert.deepEqual(w, { start: 9_995, end: 10_015 });
});

test('the window never leaves [0, count]', () => {
  assert.deepEqual(computeWindow({ ...base, count: 3, scrollTop: 0 }), { start: 0, end: 3 });
  assert.deepEqual(computeWindow({ ...base, count: 0, scrollTop: 0 }), { start: 0, end: 0 });
  const end = computeWindow({ ...base, scrollTop: 36 + 20_000 * 40 });
  assert.equal(end.end, 20_000);
});

test('scrollToRow scrolls only when the row is not fully visible below the header', () => {
  assert.equal(scrollToRow(2, 0, 400, 36, 40), null);
  // Row 20 (top at 836) must end at the bottom of the 400px viewport.
  assert.equal(scrollToRow(20, 0, 400, 36, 40), 36 + 21 * 40 - 400);
  // Row 3 is above the view when scrolled down: it goes right under the sticky header.
  assert.equal(scrollToRow(3, 1000, 400, 36, 40), 3 * 40);
});
