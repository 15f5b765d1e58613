// memcached key names. Sessions are `<namespace>:<id>`, counters `<namespace>:counter:<key>` and
// tickets `<namespace>:ticket:<name>`, so they never meet (session ids hold no colon). memcached
// refuses keys over 250 bytes or with spaces and control characters: anything outside a safe set, or
// too long, is replaced by the SHA-256 of it, marked with '#', which the safe set excludes, so a
// hashed key cannot equal a plain one.
import { createHash } from 'node:crypto';
import { SessionOptionError } from './errors.js';

/** memcached's limit on key length (protocol.txt, KEY_MAX_LENGTH). */
export const MAX_KEY_BYTES = 250;

/** Longest :memcache_namespace we accept: leaves room for the separator, marker and a hash. */
export const MAX_NAMESPACE_BYTES = 150;

/** Session ids as cookie.ts makes them (base64url): no colon, so no id can reach the counters. */
const SAFE_ID = /^[A-Za-z0-9_-]+$/;
/** Counter names: user names and addresses (IPv6 has colons) kept readable when they can be. */
const SAFE_COUNTER = /^[A-Za-z0-9._:@-]+$/;
const NAMESPACE = /^[\x21-\x7e]+$/;

/** Throws, naming :memcache_namespace, unless memcached can take the namespace in a key. */
export function checkNamespace(namespace: string): void {
  if (!NAMESPACE.test(namespace)) {
    throw new SessionOptionError(
      ':memcache_namespace',
      `"${namespace}" must be printable ASCII without spaces (memcached keys cannot hold them), e.g. opennebula.sunstone`,
    );
  }
  if (namespace.length > MAX_NAMESPACE_BYTES) {
    throw new SessionOptionError(
      ':memcache_namespace',
      `is ${namespace.length} characters long; keep it under ${MAX_NAMESPACE_BYTES} (memcached keys hold at most ${MAX_KEY_BYTES} bytes)`,
    );
  }
}

function keyOf(prefix: string, name: string, safe: RegExp): string {
  const plain = prefix + name;
  if (safe.test(name) && plain.length <= MAX_KEY_BYTES) return plain;
  return `${prefix}#${createHash('sha256').update(name, 'utf8').digest('base64url')}`;
}

/** The key of a session id. */
export function sessionKey(namespace: string, id: string): string {
  return keyOf(`${namespace}:`, id, SAFE_ID);
}

/** The key of a counter (a user name or address may hold anything: unsafe ones are hashed). */
export function counterKey(namespace: string, key: string): string {
  return keyOf(`${namespace}:counter:`, key, SAFE_COUNTER);
}

/** Ticket names (`vnc:<token>`): callers keep them to the safe set; anything else is hashed. */
const SAFE_TICKET = /^[A-Za-z0-9._:-]+$/;

/** The key of a ticket; `claim` gives the key that marks it used. */
export function ticketKey(namespace: string, name: string, claim = false): string {
  return keyOf(`${namespace}:${claim ? 'ticket-claim' : 'ticket'}:`, name, SAFE_TICKET);
}
