// Brute-force limiting of POST /login: failed logins are counted per client address and per claimed
// user name in fixed windows, in the counter store that holds the sessions, so every worker and
// every server sharing memcached sees the same counts (in memory with `:sessions: memory`, which is
// one process anyway). Over a limit, logins answer 429 with Retry-After until the window ends,
// without checking the credentials (so guessing goes no faster, right or wrong).
//
// Only refusals count: a wrong password, an unknown user, a wrong 2FA code, no credentials. An
// outage (oned unreachable, store down) is not the user's failure and is never counted; a successful
// login clears the user's count. The limits are constants: wide enough that a person mistyping is
// never stopped, narrow enough that guessing a password through one address or at one user is
// hopeless (10 guesses per 5 minutes is under 3,000 a day).
//
// Windows are aligned to the clock (window n covers [n*W, (n+1)*W) seconds) and the window number is
// part of the counter's key: every server agrees on the window without sharing anything but the
// clock, Retry-After is exact, and the store's TTL only has to clean up.
import type { CounterStore } from '../session/store.js';

export interface LoginLimits {
  /** Window length in seconds. */
  readonly windowSeconds: number;
  /** Failures per user name and window before logins as that user are refused. */
  readonly perUser: number;
  /** Failures per client address and window before logins from it are refused. */
  readonly perAddress: number;
}

export const LOGIN_LIMITS: LoginLimits = Object.freeze({ windowSeconds: 300, perUser: 10, perAddress: 50 });

export interface LoginLimiterOptions {
  readonly counters: CounterStore;
  /** Clock in epoch ms. */
  readonly now: () => number;
  readonly limits?: LoginLimits;
}

export class LoginLimiter {
  readonly limits: LoginLimits;
  readonly #counters: CounterStore;
  readonly #now: () => number;

  constructor(options: LoginLimiterOptions) {
    this.#counters = options.counters;
    this.#now = options.now;
    this.limits = options.limits ?? LOGIN_LIMITS;
  }

  /**
   * Seconds until a login from `address` as `user` may be tried again, or 0 when it may be tried now.
   * Rejects when the counter store cannot answer (the caller answers 503, as for sessions).
   */
  async retryAfter(address: string, user: string | undefined): Promise<number> {
    const w = this.#window();
    const [byAddress, byUser] = await Promise.all([
      this.#counters.count(addressKey(address, w.index)),
      user === undefined ? Promise.resolve(0) : this.#counters.count(userKey(user, w.index)),
    ]);
    return byAddress >= this.limits.perAddress || byUser >= this.limits.perUser ? w.remaining : 0;
  }

  /** Counts a refused login. */
  async failed(address: string, user: string | undefined): Promise<void> {
    const w = this.#window();
    // The counter lives to the end of its window (plus a second for clocks a little apart).
    const ttl = w.remaining + 1;
    await Promise.all([
      this.#counters.incr(addressKey(address, w.index), ttl),
      user === undefined ? Promise.resolve(0) : this.#counters.incr(userKey(user, w.index), ttl),
    ]);
  }

  /** A login as `user` succeeded: its failures no longer count (the address's still do). */
  async succeeded(user: string): Promise<void> {
    await this.#counters.reset(userKey(user, this.#window().index));
  }

  #window(): { readonly index: number; readonly remaining: number } {
    const seconds = this.#now() / 1000;
    const index = Math.floor(seconds / this.limits.windowSeconds);
    const remaining = Math.max(1, Math.ceil((index + 1) * this.limits.windowSeconds - seconds));
    return { index, remaining };
  }
}

/** True when a store also keeps counters (both session stores do; a test double may not). */
export function isCounterStore(store: object): store is CounterStore {
  const s = store as Partial<CounterStore>;
  return typeof s.incr === 'function' && typeof s.count === 'function' && typeof s.reset === 'function';
}

function addressKey(address: string, window: number): string {
  return `login-failures:address:${address}:${window}`;
}

/**
 * One counter for every spelling of a name that may reach the same account: LDAP and other external
 * drivers often match names case-insensitively, so "Alice" must not get ten more guesses than "alice".
 */
function userKey(user: string, window: number): string {
  return `login-failures:user:${user.normalize('NFKC').toLowerCase()}:${window}`;
}
