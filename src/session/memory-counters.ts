// Fixed-window counters for the memory store (CounterStore), e.g. failed logins per address. Bounded
// like the sessions beside them (an ExpiringMap: at most `maxEntries` counters, the oldest created
// goes first, expired ones dropped when read or swept a few at a time on each increment).
import { ExpiringMap } from './expiring-map.js';
import type { CounterStore } from './store.js';

export class MemoryCounters implements CounterStore {
  readonly #counters: ExpiringMap<{ n: number }>;

  constructor(maxEntries: number, now: () => number) {
    this.#counters = new ExpiringMap(maxEntries, now);
  }

  get size(): number {
    return this.#counters.size;
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const live = this.#counters.get(key);
    if (live !== undefined) return ++live.n;
    // A new window: the TTL is set once, as memcached's add does; increments do not extend it.
    this.#counters.set(key, { n: 1 }, Math.max(1, ttlSeconds));
    return 1;
  }

  async count(key: string): Promise<number> {
    return this.#counters.get(key)?.n ?? 0;
  }

  async reset(key: string): Promise<void> {
    this.#counters.delete(key);
  }

  clear(): void {
    this.#counters.clear();
  }
}
