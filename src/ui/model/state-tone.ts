// How a VM state reads at a glance: five tones, each shown as a coloured dot beside the state's word
// (never colour alone, ui.md). The names are oned's (src/one/vm-states.ts: the LCM state when ACTIVE).

export type StateTone = 'ok' | 'busy' | 'off' | 'wait' | 'bad';

const OFF = new Set(['POWEROFF', 'STOPPED', 'SUSPENDED', 'UNDEPLOYED', 'DONE']);
const WAIT = new Set(['PENDING', 'HOLD']);

export function stateTone(name: string): StateTone {
  if (name === 'RUNNING') return 'ok';
  // FAILURE covers the many *_FAILURE LCM states; UNKNOWN alone means the host lost the VM
  // (BOOT_UNKNOWN is a transition out of it, not a failure).
  if (name.includes('FAIL') || name === 'UNKNOWN') return 'bad';
  if (OFF.has(name)) return 'off';
  if (WAIT.has(name)) return 'wait';
  return 'busy';
}

/** States oned is moving through on its own: worth re-reading soon after an action. */
export function isTransitional(name: string): boolean {
  return stateTone(name) === 'busy';
}

/** "SHUTDOWN_POWEROFF" -> "Shutdown poweroff": calmer to scan than capitals, same words as oned. */
export function stateLabel(name: string): string {
  const words = name.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
