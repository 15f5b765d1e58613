// Which one.vm.action is legal in which state, with oned's refusal texts (reference
// oned-xmlrpc.md §3.2). The transitions themselves are in lifecycle.ts.
import { vmStateName } from '../one/vm-states.js';
import type { VmRec } from './records.js';
import { FAILURE_LCM, L, S } from './vm-codes.js';

/** The names one.vm.action accepts (VMActions::action_from_str). */
export const VM_ACTIONS: ReadonlySet<string> = new Set([
  'terminate',
  'terminate-hard',
  'undeploy',
  'undeploy-hard',
  'poweroff',
  'poweroff-hard',
  'reboot',
  'reboot-hard',
  'hold',
  'release',
  'stop',
  'suspend',
  'resume',
  'resched',
  'unresched',
]);

function isActive(vm: VmRec, ...lcms: number[]): boolean {
  return vm.state === S.ACTIVE && lcms.includes(vm.lcm);
}

/** The inner text of oned's ACTION error when `name` is not legal now, or null when it is. */
export function actionRefusal(vm: VmRec, name: string): string | null {
  const running = isActive(vm, L.RUNNING);
  const runningOrUnknown = isActive(vm, L.RUNNING, L.UNKNOWN);
  let ok: boolean;
  switch (name) {
    case 'terminate':
    case 'terminate-hard':
      ok =
        [S.INIT, S.PENDING, S.HOLD, S.CLONING, S.CLONING_FAILURE, S.DONE].includes(vm.state) ||
        [S.SUSPENDED, S.POWEROFF, S.STOPPED, S.UNDEPLOYED].includes(vm.state) ||
        runningOrUnknown ||
        (vm.state === S.ACTIVE && FAILURE_LCM.has(vm.lcm)) ||
        (name === 'terminate-hard' && isActive(vm, L.SHUTDOWN));
      return ok ? null : `Could not terminate VM ${vm.id}, wrong state ${vmStateName(vm.state, vm.lcm)}.`;
    case 'undeploy':
    case 'undeploy-hard':
      ok =
        vm.state === S.POWEROFF ||
        runningOrUnknown ||
        (name === 'undeploy-hard' && isActive(vm, L.SHUTDOWN_UNDEPLOY));
      break;
    case 'poweroff':
    case 'poweroff-hard':
      ok = runningOrUnknown || (name === 'poweroff-hard' && isActive(vm, L.SHUTDOWN_POWEROFF));
      break;
    case 'reboot':
    case 'reboot-hard':
    case 'suspend':
      ok = running;
      break;
    case 'stop':
      ok = running || vm.state === S.SUSPENDED;
      break;
    case 'resume':
      ok = [S.STOPPED, S.UNDEPLOYED, S.SUSPENDED, S.POWEROFF].includes(vm.state) || isActive(vm, L.UNKNOWN);
      break;
    case 'hold':
      ok = vm.state === S.PENDING;
      break;
    case 'release':
      ok = vm.state === S.HOLD;
      break;
    case 'resched':
    case 'unresched':
      ok = vm.state === S.POWEROFF || runningOrUnknown;
      break;
    default:
      ok = false;
  }
  return ok ? null : `This action is not available for state ${vmStateName(vm.state, vm.lcm)}`;
}
