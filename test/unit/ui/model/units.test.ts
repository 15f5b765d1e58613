import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount, formatCpu, formatMemory } from '../../../../src/ui/model/units.js';

test('memory: MiB below 1 GiB, GiB with at most two decimals above', () => {
  assert.equal(formatMemory(512), '512 MiB');
  assert.equal(formatMemory(1024), '1 GiB');
  assert.equal(formatMemory(1536), '1.5 GiB');
  assert.equal(formatMemory(3000), '2.93 GiB');
  assert.equal(formatMemory(null), '—');
});

test('CPU: cores with singular and plural', () => {
  assert.equal(formatCpu(1), '1 core');
  assert.equal(formatCpu(0.5), '0.5 cores');
  assert.equal(formatCpu(4), '4 cores');
  assert.equal(formatCpu(null), '—');
});

test('counts get thousands separators', () => {
  assert.equal(formatCount(20000), '20,000');
});
