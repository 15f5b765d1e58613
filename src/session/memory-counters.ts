// Fixed-window counters for the memory store (CounterStore), e.g. failed logins per address. Bounded
// like the sessions beside them: at most `maxEntries` counters, the oldest created goes first, and
// expired ones are dropped when read or when a few of the oldest are checked on each increment.
import type { CounterStore } from './store.js';

interface Counter {
  n: number;
  readonly expiresAt: number;
}

/** How many of the oldest counters an increment inspects for expiry (sweeping without a timer). */
const SWEEP_PER_INCR = 4;

export class MemoryCounters implements CounterStore {
  readonly #counters = new Map<string, Counter>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(maxEntries: number, now: () => number) {
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  get size(): number {
    return this.#counters.size;
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const now = this.#now();
    const live = this.#live(key, now);
    if (live !== undefined) return ++live.n;
    // A new window: the TTL is set once, as memcached's add does; increments do not extend it.
    this.#counters.set(key, { n: 1, expiresAt: now + Math.max(1, ttlSeconds) * 1000 });
    this.#sweep(now);
    while (this.#counters.size > this.#maxEntries) {
      const oldest = this.#counters.keys().next();
      if (oldest.done === true) break;
      this.#counters.delete(oldest.value);
    }
    return 1;
  }

  async count(key: string): Promise<number> {
    return this.#live(key, this.#now())?.n ?? 0;
  }

  async reset(key: string): Promise<void> {
    this.#counters.delete(key);
  }

  clear(): void {
    this.#counters.clear();
  }

  #live(key: string, now: number): Counter | undefined {
    const c = this.#counters.get(key);
    if (c === undefined) return undefined;
    if (c.expiresAt <= now) {
      this.#counters.delete(key);
      return undefined;
    }
    return c;
  }

  #sweep(now: number): void {
    let checked = 0;
    for (const [key, c] of this.#counters) {
      if (checked++ >= SWEEP_PER_INCR) break;
      if (c.expiresAt <= now) this.#counters.delete(key);
    }
  }
}
