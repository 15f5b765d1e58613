// The in-process session store (`:sessions: memory`). Bounded twice: by a maximum number of entries
// (the oldest written is evicted first) and by TTL. It keeps JSON text, not live objects, so it
// behaves exactly like the memcached store. No timers: expired entries go when read, and a few of
// the oldest are checked on every write, so nothing keeps the process alive.
import { SessionOptionError } from './errors.js';
import { isSessionData, type SessionData, type SessionStore } from './store.js';

export interface MemoryStoreOptions {
  /** Most sessions kept at once (default 50,000); beyond it the least recently written goes. */
  readonly maxEntries?: number;
  /** Clock in epoch milliseconds (tests inject one). */
  readonly now?: () => number;
}

interface Entry {
  readonly json: string;
  readonly expiresAt: number;
}

/** How many of the oldest entries a write inspects for expiry (amortised sweeping without a timer). */
const SWEEP_PER_WRITE = 4;

export class MemoryStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    const max = options.maxEntries ?? 50_000;
    if (!Number.isInteger(max) || max < 1) {
      throw new SessionOptionError('maxEntries', `must be a positive integer, got ${String(max)}`);
    }
    this.#maxEntries = max;
    this.#now = options.now ?? Date.now;
  }

  /** Sessions held right now, expired ones not yet swept included. */
  get size(): number {
    return this.#entries.size;
  }

  async get(id: string): Promise<SessionData | null> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return null;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(id);
      return null;
    }
    const data: unknown = JSON.parse(entry.json);
    return isSessionData(data) ? data : null;
  }

  async set(id: string, data: SessionData, ttlSeconds: number): Promise<void> {
    if (this.#closed) return;
    const now = this.#now();
    // Delete first so that re-insertion moves the id to the young end of the Map's order.
    this.#entries.delete(id);
    this.#entries.set(id, { json: JSON.stringify(data), expiresAt: now + ttlSeconds * 1000 });
    this.#sweep(now);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  async destroy(id: string): Promise<void> {
    this.#entries.delete(id);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
  }

  #sweep(now: number): void {
    let checked = 0;
    for (const [id, entry] of this.#entries) {
      if (checked++ >= SWEEP_PER_WRITE) break;
      if (entry.expiresAt <= now) this.#entries.delete(id);
    }
  }
}
