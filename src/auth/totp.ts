// TOTP two-factor codes (RFC 6238) as Ruby Sunstone enrolled them with ROTP: a base32 secret in the
// user template at SUNSTONE/TWO_FACTOR_AUTH_SECRET, 6 digits, 30 s steps, HMAC-SHA-1 (reference
// sunstone-server.md §6.2 step 3). So a user enrolled under Ruby Sunstone keeps the same
// authenticator entry here.
//
// One deliberate difference: Ruby accepted the current step only, so a phone clock a few seconds off,
// or a code typed in its last seconds, failed. We also accept the step before and the step after
// (TOTP_DRIFT_STEPS), as RFC 6238 §5.2 recommends; a code stays usable for at most 90 s.
import { Secret, TOTP } from 'otpauth';
import type { OneJson, OneJsonValue } from '../one/types.js';

export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
export const TOTP_ALGORITHM = 'SHA1';
/** Steps of clock drift accepted on each side of the current one. */
export const TOTP_DRIFT_STEPS = 1;
/** Where Sunstone keeps the secret: TEMPLATE/SUNSTONE/<this>. */
export const TWO_FACTOR_SECRET_KEY = 'TWO_FACTOR_AUTH_SECRET';
/** :two_factor_auth_issuer when the configuration leaves it empty (Sunstone's code default). */
export const DEFAULT_TOTP_ISSUER = 'sunstone-opennebula';

/** Longest secret we accept (ROTP makes 32 characters; 128 leaves room for longer keys). */
const MAX_SECRET_CHARS = 128;

/** The secret's bytes, or null when it is not base32 (upper or lower case, optional '=' padding). */
function secretOf(base32: string): Secret | null {
  const s = base32.replace(/\s/g, '');
  if (s.length === 0 || s.length > MAX_SECRET_CHARS || !/^[A-Za-z2-7]+=*$/.test(s)) return null;
  try {
    return Secret.fromBase32(s);
  } catch {
    return null;
  }
}

/** True when `secret` can be used as a TOTP secret (base32, not empty, bounded). */
export function isTotpSecret(secret: string): boolean {
  return secretOf(secret) !== null;
}

/**
 * The RFC 6238 time step (counter) whose code `code` is: the step of `nowMs`, or one before or
 * after. Null when it is none of them. Spaces inside the code are ignored (authenticator apps show
 * "123 456"). The comparison is constant-time (otpauth compares with timingSafeEqual).
 */
export function totpStepOf(secret: string, code: string, nowMs: number): number | null {
  const key = secretOf(secret);
  const token = code.replace(/\s/g, '');
  if (key === null || !/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({
    token,
    secret: key,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_STEP_SECONDS,
    timestamp: nowMs,
    window: TOTP_DRIFT_STEPS,
  });
  return delta === null ? null : Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS) + delta;
}

/** True when `code` is the code of `secret` at `nowMs`, or at one step before or after. */
export function checkTotp(secret: string, code: string, nowMs: number): boolean {
  return totpStepOf(secret, code, nowMs) !== null;
}

/** The code of `secret` at `nowMs` (tests, and the simulator's demo users). */
export function totpCode(secret: string, nowMs: number): string {
  const key = secretOf(secret);
  if (key === null) throw new TypeError('the TOTP secret is not base32');
  return TOTP.generate({
    secret: key,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_STEP_SECONDS,
    timestamp: nowMs,
  });
}

/** The otpauth:// URI an authenticator app scans: issuer and account label, SHA1, 6 digits, 30 s. */
export function totpUri(secret: string, issuer: string, account: string): string {
  const key = secretOf(secret);
  if (key === null) throw new TypeError('the TOTP secret is not base32');
  return new TOTP({
    issuer: issuer === '' ? DEFAULT_TOTP_ISSUER : issuer,
    label: account,
    secret: key,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_STEP_SECONDS,
  }).toString();
}

function objectOf(v: OneJsonValue | undefined): OneJson {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

/** The user's SUNSTONE vector from a `{"USER":{...}}` document ({} when it has none). */
export function sunstoneSettingsOf(userDoc: OneJson): OneJson {
  return objectOf(objectOf(objectOf(userDoc.USER).TEMPLATE).SUNSTONE);
}

/** SUNSTONE/TWO_FACTOR_AUTH_SECRET of a user document, or undefined when the user has no 2FA. */
export function twoFactorSecretOf(userDoc: OneJson): string | undefined {
  const v = sunstoneSettingsOf(userDoc)[TWO_FACTOR_SECRET_KEY];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
