// `:auth: remote` (reference §6.1): a front web server authenticated the user (Kerberos, SAML,
// client certificates ...) and names them in `REMOTE_USER` or `X-Auth-Username`. Only a peer in
// :trusted_proxies may do so (the route hands us its headers only then); anyone else could name any
// user. Apache's "(null)" means no user. The name must be the PASSWORD of a user with driver
// `public` (`oneuser create <name> <name> --driver public`), looked up in the cached user pool.
// A disabled user (ENABLED=0) is refused.
import type { LoginRequest, LoginStrategy } from './login-strategy.js';
import type { UserPoolCache } from './user-pool-cache.js';

/**
 * Headers a proxy may use to name the user, in order. Node keeps the underscore of `REMOTE_USER`
 * (nginx drops such headers unless told otherwise; `Remote-User` is the usual spelling).
 */
export const REMOTE_USER_HEADERS = ['remote_user', 'remote-user', 'x-auth-username'] as const;

/** Longest user name we pass on (oned's names are at most 128 bytes). */
const MAX_NAME_CHARS = 256;

function first(v: string | readonly string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : v?.[0];
}

/** The user name a trusted proxy sent, or undefined (none, "(null)", untrusted peer, too long). */
export function remoteUserOf(request: LoginRequest): string | undefined {
  const headers = request.proxyHeaders;
  if (headers === null) return undefined;
  for (const name of REMOTE_USER_HEADERS) {
    const value = first(headers[name])?.trim();
    if (value !== undefined && value !== '' && value !== '(null)' && value.length <= MAX_NAME_CHARS) {
      return value;
    }
  }
  return undefined;
}

export function remoteStrategy(pool: UserPoolCache): LoginStrategy {
  return {
    mode: 'remote',
    attempt(request) {
      const name = remoteUserOf(request);
      if (name === undefined) return null;
      return {
        claimed: name,
        async verify() {
          const user = (await pool.users()).publicUser(name);
          return user === undefined || !user.enabled ? null : { user: user.name };
        },
      };
    },
  };
}
