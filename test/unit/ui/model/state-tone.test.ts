import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LCM_STATES, VM_STATES } from '../../../../src/one/vm-states.js';
import { isTransitional, stateLabel, stateTone } from '../../../../src/ui/model/state-tone.js';

test('tones: running ok, off states grey, pending/hold waiting, failures bad, the rest busy', () => {
  assert.equal(stateTone('RUNNING'), 'ok');
  assert.equal(stateTone('POWEROFF'), 'off');
  assert.equal(stateTone('UNDEPLOYED'), 'off');
  assert.equal(stateTone('PENDING'), 'wait');
  assert.equal(stateTone('HOLD'), 'wait');
  assert.equal(stateTone('BOOT_FAILURE'), 'bad');
  assert.equal(stateTone('FAILED'), 'bad');
  assert.equal(stateTone('UNKNOWN'), 'bad');
  assert.equal(stateTone('BOOT_UNKNOWN'), 'busy');
  assert.equal(stateTone('SHUTDOWN_POWEROFF'), 'busy');
});

test('every oned state name gets a tone, and only busy ones are transitional', () => {
  for (const name of [...VM_STATES, ...LCM_STATES]) {
    const tone = stateTone(name);
    assert.ok(['ok', 'busy', 'off', 'wait', 'bad'].includes(tone), name);
    assert.equal(isTransitional(name), tone === 'busy', name);
  }
});

test('labels are oned words in sentence case', () => {
  assert.equal(stateLabel('SHUTDOWN_POWEROFF'), 'Shutdown poweroff');
  assert.equal(stateLabel('RUNNING'), 'Running');
});
