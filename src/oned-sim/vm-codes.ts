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

export const L = {
  LCM_INIT: lcmNo('LCM_INIT'),
  PROLOG: lcmNo('PROLOG'),
  BOOT: lcmNo('BOOT'),
  RUNNING: lcmNo('RUNNING'),
  SAVE_STOP: lcmNo('SAVE_STOP'),
  SAVE_SUSPEND: lcmNo('SAVE_SUSPEND'),
  PROLOG_RESUME: lcmNo('PROLOG_RESUME'),
  EPILOG_STOP: lcmNo('EPILOG_STOP'),
  EPILOG: lcmNo('EPILOG'),
  SHUTDOWN: lcmNo('SHUTDOWN'),
  UNKNOWN: lcmNo('UNKNOWN'),
  SHUTDOWN_POWEROFF: lcmNo('SHUTDOWN_POWEROFF'),
  BOOT_UNKNOWN: lcmNo('BOOT_UNKNOWN'),
  BOOT_POWEROFF: lcmNo('BOOT_POWEROFF'),
  BOOT_SUSPENDED: lcmNo('BOOT_SUSPENDED'),
  BOOT_STOPPED: lcmNo('BOOT_STOPPED'),
  CLEANUP_DELETE: lcmNo('CLEANUP_DELETE'),
  SHUTDOWN_UNDEPLOY: lcmNo('SHUTDOWN_UNDEPLOY'),
  EPILOG_UNDEPLOY: lcmNo('EPILOG_UNDEPLOY'),
  PROLOG_UNDEPLOY: lcmNo('PROLOG_UNDEPLOY'),
  BOOT_UNDEPLOY: lcmNo('BOOT_UNDEPLOY'),
  BOOT_FAILURE: lcmNo('BOOT_FAILURE'),
} as const;

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
  deploy: 30,
};
