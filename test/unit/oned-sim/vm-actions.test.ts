import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VmRec } from '../../../src/oned-sim/records.js';
import { actionRefusal } from '../../../src/oned-sim/vm-actions.js';

function vm(state: number, lcm = 0): VmRec {
  return { id: 7, state, lcm } as VmRec;
}

const RUNNING = vm(3, 3);
const UNKNOWN = vm(3, 16);
const PROLOG = vm(3, 1);
const SHUTDOWN = vm(3, 12);
const BOOT_FAILURE = vm(3, 36);
const PENDING = vm(1);
const HOLD = vm(2);
const POWEROFF = vm(8);
const SUSPENDED = vm(5);
const STOPPED = vm(4);
const UNDEPLOYED = vm(9);
const DONE = vm(6);

test('legal states of each action (reference §3.2)', () => {
  const legal: Record<string, VmRec[]> = {
    terminate: [
      PENDING,
      HOLD,
      RUNNING,
      UNKNOWN,
      BOOT_FAILURE,
      POWEROFF,
      SUSPENDED,
      STOPPED,
      UNDEPLOYED,
      DONE,
    ],
    'terminate-hard': [SHUTDOWN, RUNNING],
    poweroff: [RUNNING, UNKNOWN],
    undeploy: [RUNNING, UNKNOWN, POWEROFF],
    reboot: [RUNNING],
    suspend: [RUNNING],
    stop: [RUNNING, SUSPENDED],
    resume: [STOPPED, UNDEPLOYED, SUSPENDED, POWEROFF, UNKNOWN],
    hold: [PENDING],
    release: [HOLD],
    resched: [RUNNING, UNKNOWN, POWEROFF],
  };
  const all = [
    RUNNING,
    UNKNOWN,
    PROLOG,
    SHUTDOWN,
    BOOT_FAILURE,
    PENDING,
    HOLD,
    POWEROFF,
    SUSPENDED,
    STOPPED,
    UNDEPLOYED,
    DONE,
  ];
  for (const [action, ok] of Object.entries(legal)) {
    for (const v of all) {
      const refused = actionRefusal(v, action) !== null;
      const expected = !ok.includes(v) && !(action === 'terminate-hard' && legal.terminate?.includes(v));
      assert.equal(refused, expected, `${action} in ${v.state}/${v.lcm}`);
    }
  }
});

test("refusal texts name oned's state: the LCM name when ACTIVE, terminate has its own wording", () => {
  assert.equal(actionRefusal(PENDING, 'suspend'), 'This action is not available for state PENDING');
  assert.equal(actionRefusal(PROLOG, 'poweroff'), 'This action is not available for state PROLOG');
  assert.equal(actionRefusal(POWEROFF, 'hold'), 'This action is not available for state POWEROFF');
  assert.equal(actionRefusal(PROLOG, 'terminate'), 'Could not terminate VM 7, wrong state PROLOG.');
});
