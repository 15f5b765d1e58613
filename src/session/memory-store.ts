// The in-process session store (`:sessions: memory`). Bounded twice: by a maximum number of entries
// (the oldest written is evicted first) and by TTL. It keeps JSON text, not live objects, so it
// behaves exactly like the memcached store. No timers: expired entries go when read, and a few of
// the oldest are checked on every write, so nothing keeps the process alive. One process only: see
// checkWorkersFitStore in store-from-config.ts.
import { SessionOptionError } from './errors.js';
import { ExpiringMap } from './expiring-map.js';
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

export class MemoryStore implements SessionStore, CounterStore, TicketStore {
  /** Each session as JSON text. */
  readonly #entries: ExpiringMap<string>;
  readonly #counters: MemoryCounters;
  readonly #tickets: MemoryTickets;
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    const now = options.now ?? Date.now;
    this.#entries = new ExpiringMap(positive('maxEntries', options.maxEntries ?? 50_000), now);
    this.#counters = new MemoryCounters(positive('maxCounters', options.maxCounters ?? 100_000), now);
    this.#tickets = new MemoryTickets(positive('maxTickets', options.maxTickets ?? 10_000), now);
  }

  /** Sessions held right now, expired ones not yet swept included. */
  get size(): number {
    return this.#entries.size;
  }

  async get(id: string): Promise<SessionData | null> {
    const json = this.#entries.get(id);
    if (json === undefined) return null;
    const data: unknown = JSON.parse(json);
    return isSessionData(data) ? data : null;
  }

  async set(id: string, data: SessionData, ttlSeconds: number): Promise<void> {
    if (this.#closed) return;
    // A rewritten session becomes the newest, the last to be evicted.
    this.#entries.set(id, JSON.stringify(data), ttlSeconds);
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
}

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new SessionOptionError(option, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}
