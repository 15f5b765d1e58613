// A real memcached for tests: /usr/bin/memcached on a free loopback port (TCP only, small memory),
// with stop/start (same port, empty again, as a restarted memcached is) and kill (SIGKILL) for outage
// tests. Everything is stopped in t.after. Also fake peers for fault tests: a blackhole that accepts
// and never answers, and one that closes the connection when a request arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { TestContext } from 'node:test';
import { listenLoopback } from './loopback-server.js';
import { canConnect, exited, sleep } from './wait-port.js';

export const MEMCACHED_BIN = '/usr/bin/memcached';

export interface Memcached {
  readonly host: string;
  readonly port: number;
  /** host:port as :memcache_host takes it ([::1]:port for IPv6). */
  readonly server: string;
  readonly running: boolean;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** Start again on the same port (after stop/kill); resolves once it accepts connections. */
  start(): Promise<void>;
}

export interface MemcachedOptions {
  /** Listen address (default 127.0.0.1; '::1' for IPv6 tests). */
  readonly host?: string;
  /** false: reserve the port but do not start yet ("memcached down at start-up"). */
  readonly start?: boolean;
}

/** A port that was free a moment ago on `host`. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, host, resolve);
  });
  const addr = srv.address();
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  if (typeof addr !== 'object' || addr === null) throw new Error('no port');
  return addr.port;
}

/** Starts memcached (unless `start: false`) and stops it when the test ends. */
export async function startMemcached(t: TestContext, options: MemcachedOptions = {}): Promise<Memcached> {
  if (!existsSync(MEMCACHED_BIN)) {
    throw new Error(`${MEMCACHED_BIN} is missing: install memcached (as root: apt-get install memcached)`);
  }
  const host = options.host ?? '127.0.0.1';
  const port = await freePort(host);
  let child: ChildProcess | undefined;
  let stderr = '';

  async function start(): Promise<void> {
    if (child !== undefined) throw new Error('memcached is already running');
    const args = ['-l', host, '-p', String(port), '-U', '0', '-m', '16', '-c', '1024', '-t', '1'];
    // memcached refuses to run as root unless told which user to be.
    if (process.getuid?.() === 0) args.push('-u', 'root');
    const proc = spawn(MEMCACHED_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child = proc;
    proc.once('exit', () => {
      if (child === proc) child = undefined;
    });
    for (let i = 0; i < 500; i++) {
      if (await canConnect(host, port)) return;
      if (proc.exitCode !== null) break;
      await sleep(10);
    }
    throw new Error(`memcached did not start on ${host}:${port}: ${stderr.trim() || 'no output'}`);
  }

  async function signal(sig: NodeJS.Signals): Promise<void> {
    const c = child;
    if (c === undefined) return;
    c.kill(sig);
    await exited(c);
    child = undefined;
  }

  t.after(() => signal('SIGKILL'));
  if (options.start !== false) await start();
  return {
    host,
    port,
    server: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
    get running() {
      return child !== undefined;
    },
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    start,
  };
}

export interface FakePeer {
  /** host:port to point the store at. */
  readonly server: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Bytes of requests received so far. */
  readonly received: number;
}

/**
 * A TCP peer on a free loopback port. `blackhole`: accepts and never answers. `close`: closes the
 * connection as soon as a request arrives (a memcached dying mid-request).
 */
export async function startFakePeer(t: TestContext, mode: 'blackhole' | 'close'): Promise<FakePeer> {
  let connections = 0;
  let received = 0;
  const srv: Server = createServer((sock) => {
    connections++;
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      received += d.length;
      if (mode === 'close') sock.destroy();
    });
  });
  const port = await listenLoopback(t, srv);
  return {
    server: `127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get received() {
      return received;
    },
  };
}

/** True when this machine can listen on the IPv6 loopback. */
export async function hasIpv6Loopback(): Promise<boolean> {
  try {
    await freePort('::1');
    return true;
  } catch {
    return false;
  }
}
