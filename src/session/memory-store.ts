// The in-process session store (`:sessions: memory`). Bounded twice: by a maximum number of entries
// (the oldest written is evicted first) and by TTL. It keeps JSON text, not live objects, so it
// behaves exactly like the memcached store. No timers: expired entries go when read, and a few of
// the oldest are checked on every write, so nothing keeps the process alive. One process only: see
// checkWorkersFitStore in store-from-config.ts.
import { SessionOptionError } from './errors.js';
import { MemoryCounters } from './memory-counters.js';
import { MemoryTickets } from './memory-tickets.js';
import {
  isSessionData,
  type CounterStore,
  type SessionData,
  type SessionStore,
  type StoreHealth,
  type TicketStore,
} from './store.js';

export interface MemoryStoreOptions {
  /** Most sessions kept at once (default 50,000); beyond it the least recently written goes. */
  readonly maxEntries?: number;
  /** Most counters kept at once (default 100,000). */
  readonly maxCounters?: number;
  /** Most tickets (VNC tokens) kept at once (default 10,000). */
  readonly maxTickets?: number;
  /** Clock in epoch milliseconds (tests inject one). */
  readonly now?: () => number;
}

interface Entry {
  readonly json: string;
  readonly expiresAt: number;
}

/** How many of the oldest entries a write inspects for expiry (amortised sweeping without a timer). */
const SWEEP_PER_WRITE = 4;

export class MemoryStore implements SessionStore, CounterStore, TicketStore {
  readonly #entries = new Map<string, Entry>();
  readonly #counters: MemoryCounters;
  readonly #tickets: MemoryTickets;
  readonly #maxEntries: number;
  readonly #now: () => number;
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = positive('maxEntries', options.maxEntries ?? 50_000);
    this.#now = options.now ?? Date.now;
    this.#counters = new MemoryCounters(positive('maxCounters', options.maxCounters ?? 100_000), this.#now);
    this.#tickets = new MemoryTickets(positive('maxTickets', options.maxTickets ?? 10_000), this.#now);
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

  async health(): Promise<StoreHealth> {
    return this.#closed
      ? { ok: false, detail: 'memory session store closed' }
      : { ok: true, detail: `memory session store, ${this.#entries.size} sessions` };
  }

  incr(key: string, ttlSeconds: number): Promise<number> {
    return this.#counters.incr(key, ttlSeconds);
  }

  count(key: string): Promise<number> {
    return this.#counters.count(key);
  }

  reset(key: string): Promise<void> {
    return this.#counters.reset(key);
  }

  putTicket(name: string, value: string, ttlSeconds: number): Promise<void> {
    return this.#tickets.putTicket(name, value, ttlSeconds);
  }

  peekTicket(name: string): Promise<string | null> {
    return this.#tickets.peekTicket(name);
  }

  claimTicket(name: string): Promise<boolean> {
    return this.#tickets.claimTicket(name);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
    this.#counters.clear();
    this.#tickets.clear();
  }

  #sweep(now: number): void {
    let checked = 0;
    for (const [id, entry] of this.#entries) {
      if (checked++ >= SWEEP_PER_WRITE) break;
      if (entry.expiresAt <= now) this.#entries.delete(id);
    }
  }
}

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new SessionOptionError(option, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}
