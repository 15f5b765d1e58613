// Single-use tickets for the memory store (TicketStore), e.g. VNC console tokens. Bounded like the
// sessions beside them: at most `maxEntries` tickets, the oldest written goes first, and expired
// ones are dropped when read or when a few of the oldest are checked on each write. No timers.
import type { TicketStore } from './store.js';

interface Ticket {
  readonly value: string;
  readonly expiresAt: number;
}

/** How many of the oldest tickets a write inspects for expiry (sweeping without a timer). */
const SWEEP_PER_PUT = 4;

export class MemoryTickets implements TicketStore {
  readonly #tickets = new Map<string, Ticket>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(maxEntries: number, now: () => number) {
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  get size(): number {
    return this.#tickets.size;
  }

  async putTicket(name: string, value: string, ttlSeconds: number): Promise<void> {
    const now = this.#now();
    this.#tickets.delete(name);
    this.#tickets.set(name, { value, expiresAt: now + Math.max(1, ttlSeconds) * 1000 });
    let checked = 0;
    for (const [key, t] of this.#tickets) {
      if (checked++ >= SWEEP_PER_PUT) break;
      if (t.expiresAt <= now) this.#tickets.delete(key);
    }
    while (this.#tickets.size > this.#maxEntries) {
      const oldest = this.#tickets.keys().next();
      if (oldest.done === true) break;
      this.#tickets.delete(oldest.value);
    }
  }

  async peekTicket(name: string): Promise<string | null> {
    return this.#live(name);
  }

  // One process, one event loop: checking and deleting without an await between them is the claim.
  async claimTicket(name: string): Promise<boolean> {
    const live = this.#live(name) !== null;
    this.#tickets.delete(name);
    return live;
  }

  #live(name: string): string | null {
    const t = this.#tickets.get(name);
    if (t === undefined) return null;
    if (t.expiresAt <= this.#now()) {
      this.#tickets.delete(name);
      return null;
    }
    return t.value;
  }

  clear(): void {
    this.#tickets.clear();
  }
}
