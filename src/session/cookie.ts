// The session cookie: `sunstone=<id>.<hmac>`. The id is 256 random bits; the HMAC-SHA256 signature
// (with :session_secret or the secret derived from sunstone_auth) lets every instance sharing that
// secret reject forged or guessed ids before touching the store (design.md, deliberate differences).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ExpiringMap } from './expiring-map.js';

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

/**
 * verifySessionCookie that remembers the values it accepted (value -> id), at most `max` of them,
 * the oldest forgotten first. A client sends the same cookie with every request, and the HMAC was
 * a visible part of the CPU time of a GET /vm/:id (OpenSSL 3 sets up an HMAC slowly); a value
 * already checked, byte for byte, needs no second check. Only accepted values are kept, so a flood
 * of forged cookies cannot fill it with anything but the work of checking them.
 */
export class SessionCookieVerifier {
  readonly #secret: Buffer;
  /** Accepted value -> session id; a checked signature stays right, so entries never expire. */
  readonly #accepted: ExpiringMap<string>;

  constructor(secret: Buffer, max = 1024) {
    this.#secret = secret;
    this.#accepted = new ExpiringMap(Math.max(1, max), Date.now);
  }

  verify(value: string | undefined): string | null {
    if (value === undefined) return null;
    const known = this.#accepted.get(value);
    if (known !== undefined) return known;
    const id = verifySessionCookie(value, this.#secret);
    if (id !== null) this.#accepted.set(value, id, Infinity);
    return id;
  }
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
