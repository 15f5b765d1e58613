// A bounded map whose entries expire (the memory store's counters and tickets, small caches of
// the routes and the session cookie check; an entry set for Infinity never expires). No timers: an
// expired entry is dropped when read, and each write checks a few of the oldest; past `maxEntries`
// the oldest written goes first.
interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/** How many of the oldest entries a write inspects for expiry (sweeping without a timer). */
const SWEEP_PER_WRITE = 4;

export class ExpiringMap<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(maxEntries: number, now: () => number) {
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The live value under `key`, or undefined (an expired one is dropped). */
  get(key: string): V | undefined {
    const e = this.#entries.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Writes `value` as the newest entry, living `ttlSeconds` from now. */
  set(key: string, value: V, ttlSeconds: number): void {
    const now = this.#now();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: now + ttlSeconds * 1000 });
    let checked = 0;
    for (const [k, e] of this.#entries) {
      if (checked++ >= SWEEP_PER_WRITE) break;
      if (e.expiresAt <= now) this.#entries.delete(k);
    }
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
