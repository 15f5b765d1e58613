// One memcached server, spoken to through memcache-client (chosen on the measurements of
// reference/deps.md §2c: a command timeout that fires, an error at once when the peer closes, and
// reconnection on the first try). We add two things the library lacks:
// - IPv6: the library splits "host:port" on ':' to connect, so `[::1]:11211` cannot work. Our node
//   and connection subclasses connect to the parsed host and port instead, and the library keeps
//   the rest (command queue, reply parser, command timeout, shutdown on socket end/error).
// - A parser failure (a peer that is not memcached) shuts the connection instead of throwing from
//   the socket's data handler, which would crash the process.
// Each server gets its own client with one connection; spreading keys is the store's job (the
// library's own multi-server mode is fail-over between copies, not distribution).
import { createConnection } from 'node:net';
import { MemcacheClient, MemcacheConnection, MemcacheNode, Status } from 'memcache-client';
import type { MemcacheServer } from './memcache-servers.js';

/** The few commands the session store needs, values as text (our JSON). */
export interface ServerClient {
  /** The value, or undefined on a miss. */
  get(key: string): Promise<string | undefined>;
  /** `exptime` as memcached takes it: seconds up to 30 days, else an absolute Unix time. */
  set(key: string, value: string, exptime: number): Promise<void>;
  /** Store only if absent; false when the key exists (NOT_STORED). */
  add(key: string, value: string, exptime: number): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** The new value, or undefined when the key does not exist. */
  incr(key: string, by: number): Promise<number | undefined>;
  version(): Promise<string>;
  /** Close the connection now, failing commands in flight. */
  shutdown(): void;
}

export type ServerClientFactory = (server: MemcacheServer, timeoutMs: number) => ServerClient;

/** True when memcached itself answered with an error line (NOT_STORED, SERVER_ERROR ...): it is alive. */
export function isServerReply(err: unknown): boolean {
  return typeof err === 'object' && err !== null && Array.isArray((err as { cmdTokens?: unknown }).cmdTokens);
}

function replyIs(err: unknown, word: string): boolean {
  return isServerReply(err) && (err as { cmdTokens: unknown[] }).cmdTokens[0] === word;
}

type ConnectError = Error & { connecting?: boolean };

/** A library connection that connects to a parsed host/port (IPv6 literals included). */
class HostPortConnection extends MemcacheConnection {
  readonly #server: MemcacheServer;
  readonly #connectTimeoutMs: number;

  constructor(client: MemcacheClient, node: MemcacheNode, server: MemcacheServer, connectTimeoutMs: number) {
    super(client, node);
    this.#server = server;
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  override connect(): Promise<MemcacheConnection> {
    const socket = createConnection({ host: this.#server.host, port: this.#server.port });
    this.socket = socket;
    this._status = Status.CONNECTING;
    const connecting = new Promise<MemcacheConnection>((resolve, reject) => {
      const fail = (err: ConnectError, why: string): void => {
        clearTimeout(timer);
        socket.removeAllListeners('connect');
        socket.removeAllListeners('error');
        // Anything the dying socket still reports must not become an uncaught 'error'.
        socket.on('error', () => undefined);
        this._shutdown(why);
        err.connecting = true;
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new Error(`connect timeout after ${this.#connectTimeoutMs} ms`), 'connect timeout'),
        this.#connectTimeoutMs,
      );
      socket.once('error', (err) => fail(err, 'connect failed'));
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this._status = Status.READY;
        this._connectPromise = undefined;
        this._setupConnection(socket);
        resolve(this);
      });
    });
    this._connectPromise = connecting;
    return connecting;
  }

  override onData(data: Buffer): void {
    try {
      super.onData(data);
    } catch (err) {
      this._shutdown(
        `unreadable reply (${err instanceof Error ? err.message : String(err)}); is this memcached?`,
      );
    }
  }
}

class HostPortNode extends MemcacheNode {
  readonly #server: MemcacheServer;
  readonly #connectTimeoutMs: number;

  constructor(client: MemcacheClient, server: MemcacheServer, connectTimeoutMs: number) {
    super(client, { server: server.label, maxConnections: 1 });
    this.#server = server;
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  override _connect(): Promise<MemcacheConnection> {
    const conn = new HostPortConnection(this.client, this, this.#server, this.#connectTimeoutMs);
    this.connections.push(conn);
    return conn.connect();
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}

/** The real client for one server; `timeoutMs` bounds connecting and each command. */
export const createServerClient: ServerClientFactory = (server, timeoutMs) => {
  const client = new MemcacheClient({
    server: { server: server.label, maxConnections: 1 },
    cmdTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    noDelay: true,
    keepAlive: 30_000,
    Promise,
  });
  // The library makes its node lazily under the server string; ours is found there first.
  client._servers._nodes[server.label] = new HostPortNode(client, server, timeoutMs);
  return {
    async get(key) {
      const r = await client.get<unknown>(key);
      return r === undefined ? undefined : text(r.value);
    },
    async set(key, value, exptime) {
      await client.set(key, value, { lifetime: exptime });
    },
    async add(key, value, exptime) {
      try {
        await client.add(key, value, { lifetime: exptime });
        return true;
      } catch (err) {
        if (replyIs(err, 'NOT_STORED')) return false;
        throw err;
      }
    },
    async delete(key) {
      try {
        await client.delete(key);
      } catch (err) {
        if (!replyIs(err, 'NOT_FOUND')) throw err;
      }
    },
    async incr(key, by) {
      try {
        return Number(await client.incr(key, by));
      } catch (err) {
        if (replyIs(err, 'NOT_FOUND')) return undefined;
        throw err;
      }
    },
    async version() {
      const r: unknown = await client.version();
      return Array.isArray(r) ? r.map(String).join(' ') : String(r);
    },
    shutdown() {
      client.shutdown();
    },
  };
};
