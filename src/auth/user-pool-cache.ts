// The user pool, read as serveradmin and kept for 60 s, for the login modes that check credentials
// against it (sunstone, remote, x509), as Ruby's CloudAuth refreshes its pool cache before a login
// when it is older than 60 s (reference §6.1). Under a burst of logins the pool is fetched at most
// once per 60 s: while a fetch is in flight every login waits for that one. A failed fetch is not
// cached (the next login tries again, still one at a time) and stale data is never used after a
// failure: a disabled user or a changed password must not survive an oned outage.
import { UserIndex, type PoolUser } from './pool-users.js';

/** How long a fetched pool is used (Sunstone's CloudAuth cache). */
export const USER_POOL_MAX_AGE_MS = 60_000;

export interface UserPoolCacheOptions {
  /** Reads the whole pool (one.userpool.info as serveradmin); rejects when oned cannot answer. */
  readonly fetch: () => Promise<readonly PoolUser[]>;
  /** Clock in epoch ms. */
  readonly now: () => number;
  readonly maxAgeMs?: number;
}

export class UserPoolCache {
  readonly #fetch: () => Promise<readonly PoolUser[]>;
  readonly #now: () => number;
  readonly #maxAge: number;
  #current: { readonly at: number; readonly index: UserIndex } | undefined;
  #inFlight: Promise<UserIndex> | undefined;
  #fetches = 0;

  constructor(options: UserPoolCacheOptions) {
    this.#fetch = options.fetch;
    this.#now = options.now;
    this.#maxAge = options.maxAgeMs ?? USER_POOL_MAX_AGE_MS;
  }

  /** How many fetches were started (tests check the single flight). */
  get fetches(): number {
    return this.#fetches;
  }

  /** The pool, fetched again when older than the maximum age. */
  async users(): Promise<UserIndex> {
    const current = this.#current;
    if (current !== undefined && this.#now() - current.at < this.#maxAge) return current.index;
    this.#inFlight ??= this.#refresh();
    return this.#inFlight;
  }

  /** Forget the pool (the next login fetches it). */
  clear(): void {
    this.#current = undefined;
  }

  async #refresh(): Promise<UserIndex> {
    this.#fetches++;
    try {
      const at = this.#now();
      const index = new UserIndex(await this.#fetch());
      this.#current = { at, index };
      return index;
    } finally {
      this.#inFlight = undefined;
    }
  }
}
