// A TOTP code logs in once (RFC 6238 §5.2): someone who watched it being typed, or read it from a
// proxy log, must not reuse it while it is still valid (up to 90 s with the drift we accept). The
// used (user, step) pairs are counted in the store the failed-login counters use, so with memcached
// every server sharing it refuses the second use; the first incr of a pair is the one that wins.
import type { CounterStore } from '../session/store.js';
import { TOTP_DRIFT_STEPS, TOTP_STEP_SECONDS } from './totp.js';

/** Long enough to outlive every step a code is accepted in (before, current, after), plus a step. */
export const USED_CODE_TTL_SECONDS = (2 * TOTP_DRIFT_STEPS + 2) * TOTP_STEP_SECONDS;

function usedKey(userId: string, step: number): string {
  return `totp-used:${userId}:${step}`;
}

/**
 * True for the first use of the code of `step` by user `userId`, false for every later one while
 * the code could still be accepted. Rejects when the store cannot answer (the caller answers 503,
 * as for sessions: letting a code through unchecked would undo the point).
 */
export async function firstUseOfTotpStep(
  counters: CounterStore,
  userId: string,
  step: number,
): Promise<boolean> {
  return (await counters.incr(usedKey(userId, step), USED_CODE_TTL_SECONDS)) === 1;
}
