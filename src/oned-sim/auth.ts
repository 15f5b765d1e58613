// Authentication of the session string, parameter 0 of every call (reference oned-xmlrpc.md §5.1,
// §5.2, §5.4): core users (stored SHA-256 of the clear password; legacy SHA-1 re-stored), login
// tokens from one.user.login, and serveradmin's server_cipher tokens acting for another user.
// The result is null for every failure: oned answers the same message whatever the cause.
import { decryptServerToken, sha1Hex, sha256Hex } from './cipher.js';
import { identityOf, type Identity } from './identity.js';
import type { UserRec } from './records.js';
import type { SimState } from './state.js';

/** oned.conf SESSION_EXPIRATION_TIME: how long a verified secret is trusted without the driver. */
export const SESSION_EXPIRATION_TIME = 900;

const INVALID_NAME = /[ :\t\n\r\v\f]/;

function splitFirst(s: string, sep: string): [string, string] | null {
  const i = s.indexOf(sep);
  return i < 0 ? null : [s.slice(0, i), s.slice(i + 1)];
}

function cacheHit(user: UserRec, secret: string, now: number): boolean {
  return (
    user.session !== null &&
    user.session.secret === secret &&
    now - user.session.since < SESSION_EXPIRATION_TIME
  );
}

/** serveradmin:<target>[:<egid>]:<base64 token> */
function serverAuth(state: SimState, server: UserRec, rest: string, now: number): Identity | null {
  if (!server.enabled) return null;
  const parts = splitFirst(rest, ':');
  if (!parts) return null; // "Wrong token format"
  const [targetName, after] = parts;
  let token = after;
  let egid = -1;
  const scoped = splitFirst(after, ':');
  if (scoped) {
    if (!/^-?\d+$/.test(scoped[0])) return null;
    egid = Number(scoped[0]);
    token = scoped[1];
  }
  const target = state.userByName(targetName);
  if (!target) return null;
  if (egid >= 0 && !target.groups.includes(egid)) return null;
  if (!cacheHit(target, token, now)) {
    const plain = decryptServerToken(server.password, token);
    if (plain === null) return null;
    const fields = plain.split(':');
    if (fields[0] !== server.name) return null; // "User name missmatch"
    const expiry = Number(fields[fields.length - 1]);
    if (!Number.isFinite(expiry) || now >= expiry) return null; // "login token expired"
    target.session = { secret: token, since: now };
  }
  return identityOf(state, target, egid);
}

export function authenticate(state: SimState, session: string, now: number): Identity | null {
  const parts = splitFirst(session, ':');
  if (!parts) return null;
  const [name, secret] = parts;
  if (name === '' || INVALID_NAME.test(name)) return null;
  const user = state.userByName(name);
  if (!user) return null; // no external DEFAULT_AUTH driver here
  if (user.driver.startsWith('server')) return serverAuth(state, user, secret, now);
  if (!user.enabled) return null;

  const token = user.tokens.find((t) => t.token === secret);
  if (token) {
    if (token.expires !== -1 && token.expires <= now) return null; // "Token has expired."
    if (token.egid >= 0 && !user.groups.includes(token.egid)) {
      user.tokens = user.tokens.filter((t) => t !== token);
      return null;
    }
    return identityOf(state, user, token.egid);
  }
  if (cacheHit(user, secret, now)) return identityOf(state, user);

  if (user.driver !== 'core') return null; // public is always refused; ldap, ssh, x509 have no driver here
  if (user.password === sha256Hex(secret)) {
    user.session = { secret, since: now };
    return identityOf(state, user);
  }
  if (user.password === sha1Hex(secret)) {
    user.password = sha256Hex(secret); // legacy SHA-1 silently upgraded
    user.session = { secret, since: now };
    return identityOf(state, user);
  }
  return null;
}
