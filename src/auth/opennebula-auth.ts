// `:auth: opennebula` (reference §6.1): oned itself checks the password, by answering
// one.user.info(-1) for a session "user:password", so every oned driver works (core, ldap ...).
// When that fails, or the name or password holds characters oned's "user:password" form cannot
// carry, Sunstone retries with both CGI-escaped (for LDAP and other drivers that expect it). An
// oned that cannot be reached is an error (login then answers 500); a refusal is null (401).
// A password that is one of the user's login tokens scoped to a group (one.user.login with an
// EGID) logs in as "name:egid", so oned applies the group scope to the login's own calls.
import { isTransportError } from '../one/errors.js';
import type { ResourceKind } from '../one/catalogue.js';
import type { OneClient, OneJson, OneJsonValue } from '../one/types.js';
import type { LoginIdentity, LoginStrategy, PasswordCredentials } from './login-strategy.js';

/** Ruby's CGI.escape: everything but A-Z a-z 0-9 _ . - ~ percent-encoded (UTF-8), space as "+". */
export function cgiEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.~-]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

async function tryLogin(client: OneClient, userKind: ResourceKind, session: string): Promise<OneJson | null> {
  try {
    return await client.info(session, userKind, -1, { decrypt: false });
  } catch (err) {
    if (isTransportError(err)) throw err;
    return null;
  }
}

function objectOf(v: OneJsonValue | undefined): OneJson | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

/**
 * The EGID of the login token `password`, when it is one of the user's tokens and is scoped to a
 * group. Sunstone only looks when the password has a token's shape (lowercase hex-like).
 */
export function tokenEgid(user: OneJson, password: string): number | undefined {
  if (!/^[a-z0-9]+$/.test(password)) return undefined;
  const raw = user.LOGIN_TOKEN;
  const tokens = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  for (const t of tokens) {
    const token = objectOf(t);
    if (token?.TOKEN !== password) continue;
    const egid = typeof token.EGID === 'string' ? Number(token.EGID) : NaN;
    // -1 is oned's "no group scope": the plain name says the same.
    return Number.isInteger(egid) && egid >= 0 ? egid : undefined;
  }
  return undefined;
}

function identityOf(doc: OneJson, password: string): LoginIdentity | null {
  const user = objectOf(doc.USER);
  if (user === undefined || typeof user.NAME !== 'string') return null;
  const egid = tokenEgid(user, password);
  return egid === undefined ? { user: user.NAME } : { user: user.NAME, egid };
}

/** oned's canonical user name (and token scope) for valid credentials, null when oned refuses them. */
export async function checkOpenNebulaLogin(
  client: OneClient,
  userKind: ResourceKind,
  creds: PasswordCredentials,
): Promise<LoginIdentity | null> {
  const plainPossible = !/[\s:]/u.test(creds.user) && !/\s/u.test(creds.password);
  let doc = plainPossible ? await tryLogin(client, userKind, `${creds.user}:${creds.password}`) : null;
  if (doc === null) {
    const user = cgiEscape(creds.user);
    const password = cgiEscape(creds.password);
    // The same session twice would get the same answer: only retry when escaping changed something.
    if (!plainPossible || user !== creds.user || password !== creds.password) {
      doc = await tryLogin(client, userKind, `${user}:${password}`);
    }
  }
  return doc === null ? null : identityOf(doc, creds.password);
}

export function openNebulaStrategy(client: OneClient, userKind: ResourceKind): LoginStrategy {
  return {
    mode: 'opennebula',
    attempt(request) {
      const creds = request.basic;
      if (creds === null) return null;
      return { claimed: creds.user, verify: () => checkOpenNebulaLogin(client, userKind, creds) };
    },
  };
}
