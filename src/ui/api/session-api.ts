// Logging in and out (reference sunstone-server.md §3.2): POST /login with Basic credentials (none
// in remote and x509 modes) and the form fields `remember` and `two_factor_auth_token`; 204 ok, 202
// two-factor code needed, 401 rejected, 429 too many failures (ours), 500 OpenNebula unreachable.
import type { ApiClient } from './client.js';
import { BadResponseError, LoginLimitedError, LoginRejectedError, LoginUnavailableError } from './errors.js';

export interface BasicLogin {
  readonly user: string;
  readonly password: string;
}

export interface LoginInput {
  /**
   * Sent as Basic credentials; null in remote and x509 modes, where the front web server or the TLS
   * client certificate names the user and the request carries no Authorization header.
   */
  readonly basic: BasicLogin | null;
  readonly remember: boolean;
  /** The TOTP code, on the second step of a two-factor login. */
  readonly twoFactorToken?: string;
}

export type LoginResult = { readonly kind: 'ok' } | { readonly kind: 'two-factor' };

/** Longest 401 body shown as is: the server's short text, never a proxy's error page. */
const MAX_REASON_CHARS = 200;

/** base64 of the UTF-8 bytes, as Sunstone's own login page sends non-ASCII names and passwords. */
export function basicCredentials(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** The token the server rendered into the page: our fallback when a login answer lacks the header. */
export function csrfFromPage(html: string): string {
  const m = /<meta\s+name="sunstone-csrf"\s+content="([^"]*)"/.exec(html);
  const token = m?.[1] ?? '';
  return token.startsWith('__') ? '' : token;
}

export async function login(client: ApiClient, input: LoginInput): Promise<LoginResult> {
  const form: Record<string, string> = { remember: String(input.remember) };
  if (input.twoFactorToken !== undefined) form.two_factor_auth_token = input.twoFactorToken;
  // A new session gets a new token; the old one must not go out with the credentials.
  client.setCsrfToken('');
  const res = await client.send({
    method: 'POST',
    path: '/login',
    form,
    ...(input.basic === null
      ? {}
      : { headers: { Authorization: basicCredentials(input.basic.user, input.basic.password) } }),
  });
  if (res.status === 202) {
    const body: unknown = await res.json().catch(() => null);
    if (typeof body === 'object' && body !== null && 'code' in body && body.code === 'two_factor_auth') {
      return { kind: 'two-factor' };
    }
    throw new BadResponseError('POST /login answered 202 without the two_factor_auth code.', 202);
  }
  if (res.status === 401) throw new LoginRejectedError(await rejectionText(res, input));
  if (res.status === 429) throw new LoginLimitedError(retryAfterSeconds(res.headers.get('Retry-After')));
  if (res.status >= 500) throw new LoginUnavailableError();
  if (!res.ok) throw new BadResponseError(`POST /login answered HTTP ${res.status}.`, res.status);
  let token = res.headers.get('X-CSRF-Token') ?? '';
  if (token === '') {
    const page = await client.send({ method: 'GET', path: '/', headers: { Accept: 'text/html' } });
    token = csrfFromPage(await page.text());
  }
  if (token === '') throw new BadResponseError('The server did not give this session a CSRF token.', 204);
  client.setCsrfToken(token);
  return { kind: 'ok' };
}

/**
 * Why a 401: the server's own text when it sent one ("Two factor authentication failed", as Ruby
 * Sunstone words a wrong code), else what an empty 401 means in this mode.
 */
async function rejectionText(res: Response, input: LoginInput): Promise<string> {
  const body = (await res.text().catch(() => '')).trim();
  if (body !== '' && body.length <= MAX_REASON_CHARS && !body.startsWith('<')) return body;
  if (input.basic !== null) return 'Wrong username or password.';
  return (
    'The server could not tell who you are (no user name from the web server in front of it, no ' +
    'client certificate, or no OpenNebula user for it); ask your administrator.'
  );
}

/** Retry-After as delta-seconds (what this server sends); a date or garbage gives undefined. */
export function retryAfterSeconds(value: string | null): number | undefined {
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** Ends the session; one that already ended (401) counts as done. */
export async function logout(client: ApiClient): Promise<void> {
  const res = await client.send({ method: 'POST', path: '/logout' });
  client.setCsrfToken('');
  if (!res.ok && res.status !== 401) {
    throw new BadResponseError(`POST /logout answered HTTP ${res.status}.`, res.status);
  }
}
