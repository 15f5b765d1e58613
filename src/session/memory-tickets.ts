// Single-use tickets for the memory store (TicketStore), e.g. VNC console tokens. Bounded like the
// sessions beside them (an ExpiringMap: at most `maxEntries` tickets, the oldest written goes
// first, expired ones dropped when read or swept a few at a time on each write). No timers.
import { ExpiringMap } from './expiring-map.js';
import type { TicketStore } from './store.js';

export class MemoryTickets implements TicketStore {
  readonly #tickets: ExpiringMap<string>;

  constructor(maxEntries: number, now: () => number) {
    this.#tickets = new ExpiringMap(maxEntries, now);
  }

  get size(): number {
    return this.#tickets.size;
  }

  async putTicket(name: string, value: string, ttlSeconds: number): Promise<void> {
    this.#tickets.set(name, value, Math.max(1, ttlSeconds));
  }

  async peekTicket(name: string): Promise<string | null> {
    return this.#tickets.get(name) ?? null;
  }

  // One process, one event loop: checking and deleting without an await between them is the claim.
  async claimTicket(name: string): Promise<boolean> {
    const live = this.#tickets.get(name) !== undefined;
    this.#tickets.delete(name);
    return live;
  }

  clear(): void {
    this.#tickets.clear();
  }
}
