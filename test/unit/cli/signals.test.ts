// gracefulStop: close then exit 0; a failing close or a second request exits 1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { gracefulStop } from '../../../src/cli/signals.js';

const quiet = pino({ level: 'silent' });

test('the first stop closes and exits 0; a second one exits 1 at once', async () => {
  const codes: number[] = [];
  let release: () => void = () => undefined;
  const stop = gracefulStop(
    quiet,
    () => new Promise<void>((r) => (release = r)),
    60_000,
    (c) => codes.push(c),
  );
  stop('SIGTERM');
  assert.deepEqual(codes, []);
  stop('SIGTERM');
  assert.deepEqual(codes, [1]);
  release();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(codes, [1, 0]);
});

test('a close that fails exits 1', async () => {
  const codes: number[] = [];
  const stop = gracefulStop(
    quiet,
    () => Promise.reject(new Error('boom')),
    60_000,
    (c) => codes.push(c),
  );
  stop('asked by the primary');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(codes, [1]);
});

test('requests that outlive the grace period: exit 1 when it runs out', async () => {
  const codes: number[] = [];
  const stop = gracefulStop(
    quiet,
    () => new Promise<void>(() => undefined),
    10,
    (c) => codes.push(c),
  );
  stop('SIGINT');
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(codes, [1]);
});
