// `:auth: opennebula` (reference §6.1): oned itself checks the password, by answering
// one.user.info(-1) for a session "user:password". When that fails, or the name or password holds
// characters oned's "user:password" form cannot carry, Sunstone retries with both CGI-escaped
// (for LDAP and other drivers that expect it). An oned that cannot be reached is an error (login
// then answers 500); a refusal is null (401).
import { isTransportError } from '../one/errors.js';
import type { ResourceKind } from '../one/catalogue.js';
import type { OneClient, OneJson } from '../one/types.js';
import type { BasicCredentials } from './basic-auth.js';

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

function nameIn(doc: OneJson): string | null {
  const user = doc.USER;
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return null;
  return typeof user.NAME === 'string' ? user.NAME : null;
}

/** oned's canonical user name for valid credentials, null when oned refuses them. */
export async function checkOpenNebulaLogin(
  client: OneClient,
  userKind: ResourceKind,
  creds: BasicCredentials,
): Promise<string | null> {
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
  return doc === null ? null : nameIn(doc);
}
