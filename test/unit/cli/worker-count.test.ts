// --workers parsing and `auto`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWorkersOption, resolveWorkers } from '../../../src/cli/worker-count.js';

test('--workers takes 1..256 or auto; anything else is a usage error naming the option', () => {
  assert.equal(parseWorkersOption('4', 'usage'), 4);
  assert.equal(parseWorkersOption('auto', 'usage'), 'auto');
  for (const bad of ['0', '257', '-1', '2.5', 'many', '']) {
    assert.throws(
      () => parseWorkersOption(bad, 'usage: x'),
      (e: Error & { code?: string }) =>
        e.code === 'SUN_ERR_CLI_USAGE' && e.message.includes('--workers') && e.message.endsWith('usage: x'),
      bad,
    );
  }
});

test('auto is one per CPU, at least 1 and at most 256; a number is kept', () => {
  assert.equal(
    resolveWorkers('auto', () => 8),
    8,
  );
  assert.equal(
    resolveWorkers('auto', () => 0),
    1,
  );
  assert.equal(
    resolveWorkers('auto', () => 1000),
    256,
  );
  assert.equal(
    resolveWorkers(3, () => 8),
    3,
  );
});
