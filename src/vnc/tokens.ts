// VNC console tokens. Ruby Sunstone wrote `<token>: <host>:<port>` into a websockify token file on
// the local disk and never expired it (reference §9). Here a token is a ticket in the session store
// (`vnc:<token>`), so any server sharing the store can open it; it names the VM's VNC endpoint and
// the user who asked, must be used within `ttlSeconds` (60 s by default), and opens one connection:
// the connection then lives as long as the console stays open.
import { randomBytes } from 'node:crypto';
import type { TicketStore } from '../session/store.js';
import {
  VncOptionError,
  VncTokenExpiredError,
  VncTokenInvalidError,
  VncTokenMissingError,
} from './errors.js';

/** What a token opens: the VM's VNC server, for one user. */
export interface VncGrant {
  /** oned user name of whoever called startvnc. */
  readonly user: string;
  readonly vm: number;
  /** The VM's host (last HISTORY/HOSTNAME) and TEMPLATE/GRAPHICS/PORT. */
  readonly host: string;
  readonly port: number;
}

interface Ticket extends VncGrant {
  /** Epoch ms after which the token no longer opens anything. */
  readonly expires: number;
}

export interface VncTokensOptions {
  readonly store: TicketStore;
  /** Seconds a token may wait to be used (default 60). */
  readonly ttlSeconds?: number;
  /** Epoch ms (tests inject one to expire tokens). */
  readonly now?: () => number;
  readonly random?: (size: number) => Buffer;
}

/** 128 random bits in hex: URL-safe and [a-z0-9] like Sunstone's base-36 tokens. */
const TOKEN = /^[0-9a-f]{32}$/;

function isTicket(v: unknown): v is Ticket {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (
    typeof t.user === 'string' &&
    typeof t.host === 'string' &&
    Number.isInteger(t.vm) &&
    Number.isInteger(t.port) &&
    typeof t.expires === 'number'
  );
}

export class VncTokens {
  readonly #store: TicketStore;
  readonly #ttl: number;
  readonly #now: () => number;
  readonly #random: (size: number) => Buffer;

  constructor(options: VncTokensOptions) {
    const ttl = options.ttlSeconds ?? 60;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 3600) {
      throw new VncOptionError(
        'ttlSeconds',
        `must be a number of seconds from 1 to 3600, got ${String(ttl)}`,
      );
    }
    this.#store = options.store;
    this.#ttl = ttl;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? randomBytes;
  }

  /**
   * The store keeps a ticket a minute longer than it may be used, so that a late user is told it
   * expired rather than that it never existed.
   */
  get #keepSeconds(): number {
    return this.#ttl + 60;
  }

  get ttlSeconds(): number {
    return this.#ttl;
  }

  /** A new token for `grant`, stored before it is returned. */
  async issue(grant: VncGrant): Promise<string> {
    const token = this.#random(16).toString('hex');
    const ticket: Ticket = {
      user: grant.user,
      vm: grant.vm,
      host: grant.host,
      port: grant.port,
      expires: this.#now() + this.#ttl * 1000,
    };
    await this.#store.putTicket(`vnc:${token}`, JSON.stringify(ticket), this.#keepSeconds);
    return token;
  }

  /**
   * Uses `token` up and returns what it opens. With `user`, the token must have been issued to that
   * user (the console on the main port, where the session says who is asking); without, the token
   * alone authorises, as with websockify (the :vnc_proxy_port listener). The checks come before the
   * claim, so another user's attempt does not spend the rightful owner's token.
   */
  async open(token: string | undefined, user?: string): Promise<VncGrant> {
    if (token === undefined || token === '') throw new VncTokenMissingError();
    if (!TOKEN.test(token)) throw new VncTokenInvalidError();
    const name = `vnc:${token}`;
    const text = await this.#store.peekTicket(name);
    let ticket: unknown = null;
    try {
      ticket = text === null ? null : JSON.parse(text);
    } catch {
      ticket = null;
    }
    if (!isTicket(ticket)) throw new VncTokenInvalidError();
    if (user !== undefined && ticket.user !== user) throw new VncTokenInvalidError();
    if (ticket.expires <= this.#now()) throw new VncTokenExpiredError(this.#ttl);
    if (!(await this.#store.claimTicket(name, this.#keepSeconds))) throw new VncTokenInvalidError();
    return { user: ticket.user, vm: ticket.vm, host: ticket.host, port: ticket.port };
  }
}
