// Which second factor a user enrolled in, from the user template (reference §6.2 step 3): a TOTP
// secret at SUNSTONE/TWO_FACTOR_AUTH_SECRET, or WebAuthn security keys at
// SUNSTONE/WEBAUTHN_CREDENTIALS (single-quoted JSON `{'cs':[{id, pk, cnt, name}, ...]}`).
// This server checks TOTP codes but not security keys. A user with keys and no TOTP secret enrolled
// in a second factor all the same: letting them in on the password alone would undo what they asked
// for, so such logins fail closed (202, then every code is refused) until an administrator runs
// disable_two_factor_auth with delete_all, or the user enrols in TOTP from a server that has keys.
import type { OneJson } from '../one/types.js';
import { sunstoneSettingsOf, twoFactorSecretOf } from './totp.js';

export type SecondFactor =
  | { readonly kind: 'none' }
  | { readonly kind: 'totp'; readonly secret: string }
  | { readonly kind: 'security-keys' };

/** Where Sunstone keeps WebAuthn keys in the user template's SUNSTONE vector. */
export const WEBAUTHN_CREDENTIALS_KEY = 'WEBAUTHN_CREDENTIALS';

/** True when the WEBAUTHN_CREDENTIALS value lists at least one key (unreadable text counts as keys). */
export function hasSecurityKeys(value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  try {
    const parsed: unknown = JSON.parse(value.replace(/'/g, '"'));
    const cs = typeof parsed === 'object' && parsed !== null ? (parsed as { cs?: unknown }).cs : undefined;
    return !Array.isArray(cs) || cs.length > 0;
  } catch {
    return true;
  }
}

export function secondFactorOf(userDoc: OneJson): SecondFactor {
  const secret = twoFactorSecretOf(userDoc);
  if (secret !== undefined) return { kind: 'totp', secret };
  return hasSecurityKeys(sunstoneSettingsOf(userDoc)[WEBAUTHN_CREDENTIALS_KEY])
    ? { kind: 'security-keys' }
    : { kind: 'none' };
}
