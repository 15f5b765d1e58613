// The user/group usage sums: the step-marking algorithm against Sunstone's loop, written out plainly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  rubyToI,
  usageSeries,
  type UsageRecord,
  type UsageWindow,
} from '../../../src/routes/usage-series.js';

/** Sunstone's get_user_accounting loop, as it reads (reference §3.4). */
function naive(records: UsageRecord[], meters: string[], w: UsageWindow): Record<string, [number, number][]> {
  const out: Record<string, [number, number][]> = Object.fromEntries(meters.map((m) => [m, []]));
  for (let t = w.start; t < w.end; t += w.interval) {
    const step = t + w.interval;
    const count = new Map<string, number>();
    for (const r of records) {
      if (!(r.stime <= step && (r.etime === 0 || r.etime >= t))) continue;
      for (const m of meters) count.set(m, (count.get(m) ?? 0) + (r.values.get(m) ?? 0));
    }
    for (const [m, c] of count) out[m]?.push([t, c]);
  }
  return out;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('matches Sunstone on random histories, windows and steps', () => {
  const rnd = prng(42);
  const int = (n: number): number => Math.floor(rnd() * n);
  for (let round = 0; round < 300; round++) {
    const w = { start: 1000 + int(500), end: 1000 + int(3000), interval: 1 + int(400) };
    const records: UsageRecord[] = [];
    for (let i = int(12); i > 0; i--) {
      const stime = 500 + int(3500);
      const etime = rnd() < 0.3 ? 0 : stime + int(1500);
      const values = new Map<string, number>();
      if (rnd() < 0.9) values.set('CPU', int(8));
      if (rnd() < 0.8) values.set('MEMORY', int(4096));
      records.push({ stime, etime, values });
    }
    const meters = ['CPU', 'MEMORY'];
    assert.deepEqual(
      usageSeries(records, meters, w),
      naive(records, meters, w),
      JSON.stringify({ w, round }),
    );
  }
});

test('steps no record touches are left out; an empty window gives empty series', () => {
  const r: UsageRecord = { stime: 100, etime: 150, values: new Map([['CPU', 2]]) };
  const w = { start: 0, end: 400, interval: 100 };
  assert.deepEqual(usageSeries([r], ['CPU'], w), {
    CPU: [
      [0, 2],
      [100, 2],
    ],
  });
  assert.deepEqual(usageSeries([r], ['CPU', 'MEMORY'], { start: 5, end: 5, interval: 10 }), {
    CPU: [],
    MEMORY: [],
  });
});

test("Ruby's to_i", () => {
  assert.equal(rubyToI('42'), 42);
  assert.equal(rubyToI(' 7.9'), 7);
  assert.equal(rubyToI('-3x'), -3);
  assert.equal(rubyToI('abc'), 0);
  assert.equal(rubyToI(''), 0);
});
