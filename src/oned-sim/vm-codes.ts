// The STATE, LCM_STATE and history ACTION numbers the simulator's life cycle uses, looked up by
// name in the shared tables of src/one/vm-states.ts so the numbers are written down only once.
import { LCM_STATES, VM_STATES, type LcmStateName, type VmStateName } from '../one/vm-states.js';

function stateNo(name: VmStateName): number {
  return VM_STATES.indexOf(name);
}

function lcmNo(name: LcmStateName): number {
  return LCM_STATES.indexOf(name);
}

export const S = {
  INIT: stateNo('INIT'),
  PENDING: stateNo('PENDING'),
  HOLD: stateNo('HOLD'),
  ACTIVE: stateNo('ACTIVE'),
  STOPPED: stateNo('STOPPED'),
  SUSPENDED: stateNo('SUSPENDED'),
  DONE: stateNo('DONE'),
  POWEROFF: stateNo('POWEROFF'),
  UNDEPLOYED: stateNo('UNDEPLOYED'),
  CLONING: stateNo('CLONING'),
  CLONING_FAILURE: stateNo('CLONING_FAILURE'),
} as const;

/** Every LCM_STATE number by name (L.RUNNING = 3, L.HOTPLUG_NIC = 25...). */
export const L: Readonly<Record<LcmStateName, number>> = Object.fromEntries(
  LCM_STATES.map((name) => [name, lcmNo(name)]),
) as Record<LcmStateName, number>;

/** ACTIVE LCM states from which terminate goes through CLEANUP_DELETE (the *_FAILURE states). */
export const FAILURE_LCM: ReadonlySet<number> = new Set(
  LCM_STATES.map((name, i) => (name.endsWith('_FAILURE') && name !== 'FAILURE' ? i : -1)).filter(
    (i) => i >= 0,
  ),
);

/** HISTORY/ACTION numbers (VMActions::Action) of the actions the simulator performs. */
export const ACTION_NO: Readonly<Record<string, number>> = {
  none: 0,
  undeploy: 5,
  'undeploy-hard': 6,
  hold: 7,
  release: 8,
  stop: 9,
  suspend: 10,
  resume: 11,
  reboot: 15,
  'reboot-hard': 16,
  resched: 17,
  unresched: 18,
  poweroff: 19,
  'poweroff-hard': 20,
  terminate: 27,
  'terminate-hard': 28,
  'disk-resize': 29,
  deploy: 30,
  migrate: 1,
  'live-migrate': 2,
  'disk-attach': 21,
  'disk-detach': 22,
  'nic-attach': 23,
  'nic-detach': 24,
  'disk-snapshot-create': 25,
  'disk-snapshot-delete': 26,
  updateconf: 33,
  resize: 35,
  'snapshot-create': 37,
  'snapshot-delete': 38,
  'snapshot-revert': 39,
  'disk-saveas': 40,
  'disk-snapshot-revert': 41,
  recover: 42,
  'disk-snapshot-rename': 45,
  'poweroff-migrate': 48,
  'poweroff-hard-migrate': 49,
  backup: 50,
  'nic-update': 51,
  'sched-add': 53,
  'sched-update': 54,
  'sched-delete': 55,
  'sg-attach': 56,
  'sg-detach': 57,
};
