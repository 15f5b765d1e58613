import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHash, parseHash } from '../../../src/ui/hash-state.js';

test('an empty hash is the VM list', () => {
  assert.equal(parseHash('').page, 'vms');
  assert.equal(parseHash('#/').page, 'vms');
});

test('page and parameters round-trip; empty values are left out', () => {
  const hash = formatHash('vms', { q: 'web 1', sort: 'name', dir: 'desc', x: '' });
  assert.equal(hash, '#/vms?q=web+1&sort=name&dir=desc');
  const state = parseHash(hash);
  assert.equal(state.page, 'vms');
  assert.equal(state.params.get('q'), 'web 1');
  assert.equal(state.params.get('dir'), 'desc');
  assert.equal(formatHash('vms', {}), '#/vms');
});
