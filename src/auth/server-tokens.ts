// Session strings for calling oned on behalf of users, one cached token per user. oned caches a
// token it has accepted in the user's session, so handing it the same token again saves a call to
// its auth driver; Sunstone therefore reuses a token until less than :expire_margin (300 s) of its
// :expire_delta (1800 s) life is left (reference sunstone-server.md §6.3). The cache is an LRU
// bounded by maxEntries, so a flood of distinct user names cannot grow it without limit.
import { encryptToken, serverCipherKey } from './server-cipher.js';
import type { CipherKey } from './server-cipher.js';
import { AUTH_ERROR_CODES, AuthError } from './errors.js';

export interface ServerTokensOptions {
  /** Clock in milliseconds since the epoch (tests inject one). */
  readonly now?: () => number;
  /** Token life in seconds. */
  readonly expireDelta?: number;
  /** A token is renewed once no more than this many seconds of its life remain. */
  readonly expireMargin?: number;
  readonly maxEntries?: number;
}

interface Entry {
  readonly session: string;
  /** Epoch seconds. */
  readonly expires: number;
}

function checkOption(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new AuthError(
      AUTH_ERROR_CODES.tokenOptions,
      `ServerTokens option ${name} is ${value}; expected an integer of at least ${min}`,
    );
  }
  return value;
}

export class ServerTokens {
  readonly serverUser: string;
  readonly #key: CipherKey;
  readonly #now: () => number;
  readonly #delta: number;
  readonly #margin: number;
  readonly #max: number;
  // Insertion order is recency order: a hit is moved to the end, the first entry is the oldest.
  readonly #cache = new Map<string, Entry>();

  constructor(creds: { readonly user: string; readonly password: string }, opts: ServerTokensOptions = {}) {
    this.serverUser = creds.user;
    // Only the derived key is kept, not the password itself.
    this.#key = serverCipherKey(creds.password);
    this.#now = opts.now ?? Date.now;
    this.#delta = checkOption('expireDelta', opts.expireDelta ?? 1800, 1);
    this.#margin = checkOption('expireMargin', opts.expireMargin ?? 300, 0);
    this.#max = checkOption('maxEntries', opts.maxEntries ?? 10000, 1);
    if (this.#margin > this.#delta) {
      throw new AuthError(
        AUTH_ERROR_CODES.tokenOptions,
        `ServerTokens option expireMargin (${this.#margin}) is larger than expireDelta (${this.#delta})`,
      );
    }
  }

  /** "<serveradmin>:<user>:<token>" for oned, reused while more than the margin of its life is left. */
  sessionFor(user: string): string {
    const nowSec = Math.floor(this.#now() / 1000);
    const hit = this.#cache.get(user);
    if (hit !== undefined) {
      this.#cache.delete(user);
      if (hit.expires - nowSec > this.#margin) {
        this.#cache.set(user, hit);
        return hit.session;
      }
    }
    const expires = nowSec + this.#delta;
    const token = encryptToken(this.#key, `${this.serverUser}:${user}:${expires}`);
    const entry = { session: `${this.serverUser}:${user}:${token}`, expires };
    this.#cache.set(user, entry);
    if (this.#cache.size > this.#max) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    return entry.session;
  }

  /** The session string for serveradmin itself (pool-wide reads the server makes on its own). */
  forServer(): string {
    return this.sessionFor(this.serverUser);
  }

  /** Forgets every cached token (e.g. after the serveradmin password changed). */
  clear(): void {
    this.#cache.clear();
  }

  /** Number of cached tokens. */
  get size(): number {
    return this.#cache.size;
  }
}
