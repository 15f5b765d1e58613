// The session cookie: `sunstone=<id>.<hmac>`. The id is 256 random bits; the HMAC-SHA256 signature
// (with :session_secret or the secret derived from sunstone_auth) lets every instance sharing that
// secret reject forged or guessed ids before touching the store (design.md, deliberate differences).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'sunstone';

/** Source of random bytes (tests may inject a deterministic one). */
export type RandomBytes = (size: number) => Buffer;

export const defaultRandom: RandomBytes = (size) => randomBytes(size);

const ID_BYTES = 32;
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionId(random: RandomBytes = defaultRandom): string {
  return random(ID_BYTES).toString('base64url');
}

function mac(id: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(id).digest();
}

/** The cookie value for a session id. */
export function signSessionId(id: string, secret: Buffer): string {
  return `${id}.${mac(id, secret).toString('base64url')}`;
}

/** The session id inside a cookie value, or null when it is malformed or the signature is wrong. */
export function verifySessionCookie(value: string | undefined, secret: Buffer): string | null {
  if (value === undefined) return null;
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  if (!ID_PATTERN.test(id)) return null;
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = mac(id, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export interface SessionCookieOptions {
  readonly path: string;
  readonly httpOnly: true;
  readonly sameSite: 'lax';
  readonly secure: boolean;
  /** Absent: a browser-session cookie. */
  readonly expires?: Date;
}

/**
 * Attributes of the `sunstone` cookie: HttpOnly, SameSite=Lax, Path = the base path (or `/`),
 * Secure on https, Expires = the session's end (reference §5.2).
 */
export function sessionCookieOptions(opts: {
  basePath: string;
  secure: boolean;
  expires?: number;
}): SessionCookieOptions {
  return {
    path: opts.basePath === '' ? '/' : opts.basePath,
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    ...(opts.expires === undefined ? {} : { expires: new Date(opts.expires) }),
  };
}
