// Sunstone's CSRF token (reference §2.1 step 3, §5.4): one random token per session, sent back as the
// `csrftoken` query parameter, form field or top-level JSON key, or (our UI) the X-CSRF-Token header.
import { createHash, timingSafeEqual } from 'node:crypto';
import { defaultRandom, type RandomBytes } from './cookie.js';

export const CSRF_FIELD = 'csrftoken';
export const CSRF_HEADER = 'x-csrf-token';

/** A fresh token: 64 hex characters, the same form as Sunstone's SHA-256 hex tokens. */
export function newCsrfToken(random: RandomBytes = defaultRandom): string {
  return random(32).toString('hex');
}

interface CsrfCarriers {
  readonly query: unknown;
  body: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/**
 * The token a request carries, looked up in Sunstone's order (query, then form or JSON body) and then
 * in the header. The body's `csrftoken` key is always removed, so routes never see it in their data
 * (Sunstone re-serialises the JSON body without it).
 */
export function takeCsrfToken(request: CsrfCarriers): string | undefined {
  let token: string | undefined;
  if (isRecord(request.query) && typeof request.query[CSRF_FIELD] === 'string') {
    token = request.query[CSRF_FIELD];
  }
  if (isRecord(request.body) && CSRF_FIELD in request.body) {
    const fromBody = request.body[CSRF_FIELD];
    delete request.body[CSRF_FIELD];
    if (token === undefined && typeof fromBody === 'string') token = fromBody;
  }
  const header = request.headers[CSRF_HEADER];
  if (token === undefined && typeof header === 'string') token = header;
  return token;
}

/** Constant-time comparison (hashing first makes the lengths equal and hides them). */
export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined || expected === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
