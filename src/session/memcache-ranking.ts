// Which memcached server holds a key: rendezvous (highest random weight) hashing. Every server gets
// a score from hash(label, key) and the key lives on the best one; when that one is down the next
// best takes over. Removing a server moves only its own keys, and instances with the same
// :memcache_host list agree on every key with no shared state.
import { createHash } from 'node:crypto';

function score(label: string, key: string): number {
  // 48 bits of SHA-256 are plenty to order a handful of servers, and fit a double exactly.
  return createHash('sha256').update(label).update('\0').update(key).digest().readUIntBE(0, 6);
}

/** `servers` best first for `key` (a copy; ties, which need a 48-bit collision, keep list order). */
export function rankServers<T extends { readonly label: string }>(key: string, servers: readonly T[]): T[] {
  if (servers.length <= 1) return [...servers];
  return servers
    .map((s, i) => ({ s, i, w: score(s.label, key) }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .map((x) => x.s);
}
