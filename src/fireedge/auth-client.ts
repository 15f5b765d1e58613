// Asks FireEdge for a user's JWT (reference sunstone-server.md §3.3): POST :private_fireedge_endpoint
// + /fireedge/api/auth with the form fields user, token (the password) and token2fa, and read
// data.token of its JSON answer. The caller holds the password only for the length of the login
// request (the session never keeps it: design.md), so this runs at login and the JWT is what stays.
// Bounded: a timeout for the whole exchange and a cap on the answer's size.
import { Pool, request, type Dispatcher } from 'undici';
import { FireEdgeAuthError } from './errors.js';

export interface FireEdgeCredentials {
  readonly user: string;
  readonly password: string;
  /** The two-factor code the user typed at login, '' when none. */
  readonly token2fa: string;
}

export interface FireEdgeAuthOptions {
  /** Whole exchange; default 3 s (it delays a login). */
  readonly timeoutMs?: number;
  /** Tests and proxies pick the undici dispatcher; default undici's global one. */
  readonly dispatcher?: Dispatcher;
}

/** A JWT is well under this; anything larger is not FireEdge's answer. */
const MAX_ANSWER = 64 * 1024;

/** The auth URL for an endpoint such as http://localhost:2616 (a trailing slash is allowed). */
export function fireEdgeAuthUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/fireedge/api/auth`;
}

function tokenOf(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const data = (answer as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const token = (data as { token?: unknown }).token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * The dispatcher to keep for FireEdge's origin for the life of the app: a small keep-alive pool.
 * undici's global agent drops an origin's pool as soon as its last connection closes or fails to
 * connect, so with FireEdge down (or closing connections) every login built, and threw away, a new
 * pool and its queues. Close it when the app closes.
 */
export function createFireEdgePool(endpoint: string, timeoutMs = 3000): Pool {
  return new Pool(new URL(endpoint).origin, { connections: 8, connectTimeout: timeoutMs });
}

/** The user's FireEdge JWT. Rejects with FireEdgeAuthError (SUN_ERR_FIREEDGE_AUTH) saying why not. */
export async function fetchFireEdgeToken(
  endpoint: string,
  creds: FireEdgeCredentials,
  opts: FireEdgeAuthOptions = {},
): Promise<string> {
  const url = fireEdgeAuthUrl(endpoint);
  const timeout = opts.timeoutMs ?? 3000;
  const form = new URLSearchParams({ user: creds.user, token: creds.password, token2fa: creds.token2fa });
  let status: number;
  let text = '';
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeout),
      ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    });
    status = res.statusCode;
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_ANSWER) {
        res.body.destroy();
        throw new FireEdgeAuthError(url, `the answer is larger than ${MAX_ANSWER} bytes`);
      }
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    if (err instanceof FireEdgeAuthError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new FireEdgeAuthError(url, `request failed (${why})`, err);
  }
  if (status < 200 || status > 299) {
    throw new FireEdgeAuthError(url, `it answered ${status} for user ${creds.user}`);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch (err) {
    throw new FireEdgeAuthError(url, 'the answer is not JSON', err);
  }
  const token = tokenOf(answer);
  if (token === undefined) throw new FireEdgeAuthError(url, 'the answer has no data.token');
  return token;
}
