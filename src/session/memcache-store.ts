// Sessions in memcached (`:sessions: memcache` and `memcache-dalli`). Values are the session as
// JSON under `<:memcache_namespace>:<id>`, with memcached's TTL set to the session's expiry (the
// manager renews it on requests that extend the session). With several servers each key lives on
// the server rendezvous hashing ranks first among those up; a dead server's keys move to the next,
// so its sessions are lost (users log in again) while everything else keeps working.
//
// Failing fast is the point (issue #3 §1): every operation is bounded by `timeoutMs` whatever the
// socket does; a failed server is skipped at once by its circuit breaker and probed again by one
// request `retryMs` later, so service returns within a second of memcached; operations in flight per
// server are bounded, so an outage cannot pile up work. Failures are SUN_ERR_SESSION_STORE (503)
// naming host:port: an outage never looks like a logout.
import { CircuitBreaker } from './circuit-breaker.js';
import { SessionOptionError, SessionStoreError } from './errors.js';
import { checkNamespace, counterKey, sessionKey, ticketKey } from './memcache-keys.js';
import { rankServers } from './memcache-ranking.js';
import {
  createServerClient,
  isServerReply,
  type ServerClient,
  type ServerClientFactory,
} from './memcache-server-client.js';
import { parseMemcacheServers, type MemcacheServer } from './memcache-servers.js';
import {
  isSessionData,
  type CounterStore,
  type SessionData,
  type SessionStore,
  type StoreHealth,
  type TicketStore,
} from './store.js';

export interface MemcacheStoreOptions {
  /** :memcache_host items (`host`, `host:port`, `[IPv6]:port`, bare IPv6; comma lists allowed). */
  readonly hosts: readonly string[];
  /** :memcache_port, for items without a port (default 11211). */
  readonly port?: number;
  /** :memcache_namespace (default opennebula.sunstone, as Sunstone). */
  readonly namespace?: string;
  /** Bound on every operation in ms, connecting included (default 500, at most 5000). */
  readonly timeoutMs?: number;
  /** How long a failed server is skipped before one request probes it (default 500 ms). */
  readonly retryMs?: number;
  /** Operations in flight per server beyond which new ones fail at once (default 1000). */
  readonly maxInFlight?: number;
  /**
   * Wall clock in epoch ms, for memcached's absolute expiry times and the breakers. It must agree
   * with memcached's clock, so it is not the session clock that tests fake.
   */
  readonly now?: () => number;
  /** Where :memcache_host was read, for messages. */
  readonly configFile?: string;
  /** Makes the client of one server (tests pass fakes). */
  readonly clientFactory?: ServerClientFactory;
}

/** What status() and ping() report for one server. */
export interface MemcacheServerStatus {
  /** host:port as configured. */
  readonly server: string;
  readonly up: boolean;
  readonly inFlight: number;
  /** Epoch ms of the failure that took it down, while down. */
  readonly downSince?: number;
  /** Why it was last marked down. */
  readonly lastError?: string;
}

interface Server {
  readonly label: string;
  readonly client: ServerClient;
  readonly breaker: CircuitBreaker;
  inFlight: number;
}

/** memcached reads an expiry above 30 days as an absolute Unix time (protocol.txt, "Expiration times"). */
export const MAX_RELATIVE_TTL = 30 * 24 * 3600;

type Operation = 'read' | 'write' | 'delete' | 'count' | 'ticket';

const DOING: Record<Operation, string> = {
  read: 'read the session',
  write: 'store the session',
  delete: 'delete the session',
  count: 'update a login counter',
  ticket: 'keep a console token',
};

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function bounded(option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SessionOptionError(option, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

export class MemcacheStore implements SessionStore, CounterStore, TicketStore {
  readonly #servers: readonly Server[];
  readonly #namespace: string;
  readonly #timeoutMs: number;
  readonly #retryMs: number;
  readonly #maxInFlight: number;
  readonly #now: () => number;
  readonly #fix: string;
  #closed = false;

  constructor(options: MemcacheStoreOptions) {
    const servers: MemcacheServer[] = parseMemcacheServers(options.hosts, options.port ?? 11211);
    this.#namespace = options.namespace ?? 'opennebula.sunstone';
    checkNamespace(this.#namespace);
    this.#timeoutMs = bounded('timeoutMs', options.timeoutMs ?? 500, 1, 5000);
    this.#retryMs = bounded('retryMs', options.retryMs ?? 500, 1, 60_000);
    this.#maxInFlight = bounded('maxInFlight', options.maxInFlight ?? 1000, 1, 100_000);
    this.#now = options.now ?? Date.now;
    const factory = options.clientFactory ?? createServerClient;
    this.#servers = servers.map((s) => ({
      label: s.label,
      client: factory(s, this.#timeoutMs),
      breaker: new CircuitBreaker(this.#retryMs, this.#now),
      inFlight: 0,
    }));
    const where = options.configFile === undefined ? 'sunstone-server.conf' : options.configFile;
    this.#fix = `start memcached there, or correct :memcache_host/:memcache_port in ${where}`;
  }

  /** host:port of every server, in configuration order. */
  get servers(): readonly string[] {
    return this.#servers.map((s) => s.label);
  }

  async get(id: string): Promise<SessionData | null> {
    const key = sessionKey(this.#namespace, id);
    const text = await this.#run('read', key, (c) => c.get(key));
    if (text === undefined) return null;
    try {
      const data: unknown = JSON.parse(text);
      return isSessionData(data) ? data : null;
    } catch {
      return null; // not ours (another writer under the namespace): no session
    }
  }

  async set(id: string, data: SessionData, ttlSeconds: number): Promise<void> {
    const key = sessionKey(this.#namespace, id);
    const json = JSON.stringify(data);
    await this.#run('write', key, (c) => c.set(key, json, this.#exptime(ttlSeconds)));
  }

  async destroy(id: string): Promise<void> {
    const key = sessionKey(this.#namespace, id);
    await this.#run('delete', key, (c) => c.delete(key));
  }

  async incr(name: string, ttlSeconds: number): Promise<number> {
    const key = counterKey(this.#namespace, name);
    return this.#run('count', key, async (c) => {
      const n = await c.incr(key, 1);
      if (n !== undefined) return n;
      // A new window: add sets the TTL once; if another process added it first, count on theirs.
      if (await c.add(key, '1', this.#exptime(ttlSeconds))) return 1;
      const again = await c.incr(key, 1);
      if (again === undefined) throw new Error(`counter ${key} vanished between add and incr`);
      return again;
    });
  }

  async count(name: string): Promise<number> {
    const key = counterKey(this.#namespace, name);
    const text = await this.#run('count', key, (c) => c.get(key));
    const n = Number(text);
    return text === undefined || !Number.isFinite(n) ? 0 : n;
  }

  async reset(name: string): Promise<void> {
    const key = counterKey(this.#namespace, name);
    await this.#run('count', key, (c) => c.delete(key));
  }

  async putTicket(name: string, value: string, ttlSeconds: number): Promise<void> {
    const key = ticketKey(this.#namespace, name);
    await this.#run('ticket', key, (c) => c.set(key, value, this.#exptime(ttlSeconds)));
  }

  async peekTicket(name: string): Promise<string | null> {
    const key = ticketKey(this.#namespace, name);
    return (await this.#run('ticket', key, (c) => c.get(key))) ?? null;
  }

  // memcached's add is atomic: of all servers racing for one ticket, one adds the claim key.
  async claimTicket(name: string, ttlSeconds: number): Promise<boolean> {
    const claim = ticketKey(this.#namespace, name, true);
    const won = await this.#run('ticket', claim, (c) => c.add(claim, '1', this.#exptime(ttlSeconds)));
    if (won) {
      const key = ticketKey(this.#namespace, name);
      await this.#run('ticket', key, (c) => c.delete(key));
    }
    return won;
  }

  /** What the breakers know now, without asking anyone. */
  status(): MemcacheServerStatus[] {
    return this.#servers.map((s) => ({
      server: s.label,
      up: s.breaker.up,
      inFlight: s.inFlight,
      ...(s.breaker.downSince === undefined ? {} : { downSince: s.breaker.downSince }),
      ...(s.breaker.lastError === undefined ? {} : { lastError: s.breaker.lastError }),
    }));
  }

  /**
   * Asks every server for its version (bounded by the timeout) and updates the breakers. A server
   * skipped by its breaker is asked only once its retry time has come, so frequent readiness checks
   * cost a dead server nothing.
   */
  async ping(): Promise<MemcacheServerStatus[]> {
    if (!this.#closed) {
      await Promise.all(
        this.#servers.map(async (s) => {
          const gate = s.breaker.gate();
          if (gate === 'skip') return;
          if (s.inFlight >= this.#maxInFlight) {
            if (gate === 'probe') s.breaker.release();
            return;
          }
          try {
            await this.#attempt(s, (c) => c.version(), this.#timeoutMs);
            s.breaker.succeed();
          } catch (err) {
            s.breaker.fail(messageOf(err));
          }
        }),
      );
    }
    return this.status();
  }

  async health(): Promise<StoreHealth> {
    if (this.#closed) return { ok: false, detail: 'memcached session store closed' };
    const servers = await this.ping();
    const parts = servers.map((s) =>
      s.up ? `${s.server} up` : `${s.server} down (${s.lastError ?? 'unknown'})`,
    );
    return { ok: servers.some((s) => s.up), detail: `memcached ${parts.join('; ')}` };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const s of this.#servers) s.client.shutdown();
  }

  /** The exptime memcached needs for a TTL: relative up to 30 days, an absolute Unix time beyond. */
  #exptime(ttlSeconds: number): number {
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    return ttl <= MAX_RELATIVE_TTL ? ttl : Math.floor(this.#now() / 1000) + ttl;
  }

  async #run<T>(operation: Operation, key: string, fn: (c: ServerClient) => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw new SessionStoreError(`the memcached session store is closed (the server is shutting down)`);
    }
    const started = this.#now();
    const problems: string[] = [];
    for (const s of rankServers(key, this.#servers)) {
      const gate = s.breaker.gate();
      if (gate === 'skip') {
        problems.push(
          `${s.label} is down (${s.breaker.lastError ?? 'unknown'}; next try within ${this.#retryMs} ms)`,
        );
        continue;
      }
      if (s.inFlight >= this.#maxInFlight) {
        if (gate === 'probe') s.breaker.release();
        // Busy is alive: moving its keys elsewhere would split sessions, so fail this one request.
        throw new SessionStoreError(
          `memcached at ${s.label} already has ${s.inFlight} operations in flight, so the store could not ` +
            `${DOING[operation]}; memcached is too slow or the network to it is congested`,
        );
      }
      const left = this.#timeoutMs - (this.#now() - started);
      if (left <= 0) {
        if (gate === 'probe') s.breaker.release();
        problems.push(`${s.label} not tried (the ${this.#timeoutMs} ms bound was spent)`);
        break;
      }
      try {
        const result = await this.#attempt(s, fn, left);
        s.breaker.succeed();
        return result;
      } catch (err) {
        if (isServerReply(err)) {
          s.breaker.succeed();
          throw new SessionStoreError(
            `memcached at ${s.label} refused to ${DOING[operation]} (${messageOf(err)})`,
            { cause: err },
          );
        }
        s.breaker.fail(messageOf(err));
        problems.push(`${s.label} failed (${messageOf(err)})`);
      }
    }
    const what =
      this.#servers.length === 1
        ? `memcached at ${problems[0] ?? this.#servers[0]?.label}`
        : `no memcached server could be used: ${problems.join('; ')}`;
    throw new SessionStoreError(`${what}, so the store could not ${DOING[operation]}; ${this.#fix}`);
  }

  /** One command on one server, counted in flight until the library settles it, bounded by `ms`. */
  #attempt<T>(s: Server, fn: (c: ServerClient) => Promise<T>, ms: number): Promise<T> {
    s.inFlight++;
    let op: Promise<T>;
    try {
      op = fn(s.client);
    } catch (err) {
      op = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const tracked = op.finally(() => {
      s.inFlight--;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), ms);
    });
    return Promise.race([tracked, timeout]).finally(() => clearTimeout(timer));
  }
}
