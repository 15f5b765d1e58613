// :memcache_host / :memcache_port into the list of memcached servers to use. Each item is `host`,
// `host:port`, `[IPv6]`, `[IPv6]:port` or a bare IPv6 address (which cannot carry a port: its colons
// are the address). The label, `host:port` with brackets around IPv6, is how messages name a server
// and what the key distribution hashes, so every instance configured alike spreads keys alike.
import { isIPv6 } from 'node:net';
import { SessionOptionError } from './errors.js';

export interface MemcacheServer {
  /** What to connect to: a name, an IPv4 or an IPv6 address (no brackets). */
  readonly host: string;
  readonly port: number;
  /** `host:port`, `[::1]:11211` for IPv6. */
  readonly label: string;
}

/** Host names and addresses we accept: no spaces, slashes or other URL parts. */
const HOST_NAME = /^[A-Za-z0-9._-]+$/;

function badItem(item: string, why: string): SessionOptionError {
  return new SessionOptionError(
    ':memcache_host',
    `item "${item}" ${why}; expected host, host:port, [IPv6]:port or a bare IPv6 address`,
  );
}

function parsePort(item: string, text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw badItem(item, `has port "${text}", not a number from 1 to 65535`);
  return port;
}

function labelOf(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** One item of :memcache_host into a server; `defaultPort` is :memcache_port. */
export function parseMemcacheServer(item: string, defaultPort: number): MemcacheServer {
  const text = item.trim();
  let host: string;
  let port = defaultPort;
  if (text.startsWith('[')) {
    const m = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
    if (m === null || m[1] === undefined) throw badItem(item, 'has an unclosed [');
    host = m[1];
    if (!isIPv6(host)) throw badItem(item, `has "${host}" in brackets, which is not an IPv6 address`);
    if (m[2] !== undefined) port = parsePort(item, m[2]);
  } else if (isIPv6(text)) {
    host = text;
  } else {
    const parts = text.split(':');
    if (parts.length > 2) throw badItem(item, 'looks like IPv6 with a port; write it as [address]:port');
    host = parts[0] ?? '';
    if (parts[1] !== undefined) port = parsePort(item, parts[1]);
    if (!HOST_NAME.test(host)) throw badItem(item, host === '' ? 'has no host' : `has host "${host}"`);
  }
  return { host, port, label: labelOf(host, port) };
}

/**
 * Every server of :memcache_host, in the order given, without duplicates. Items may also be comma
 * lists (`a,b:11212`), as the configuration allows one comma-separated string.
 */
export function parseMemcacheServers(hosts: readonly string[], defaultPort: number): MemcacheServer[] {
  if (!Number.isInteger(defaultPort) || defaultPort < 1 || defaultPort > 65535) {
    throw new SessionOptionError(
      ':memcache_port',
      `must be a port from 1 to 65535, got ${String(defaultPort)}`,
    );
  }
  const out: MemcacheServer[] = [];
  for (const item of hosts.flatMap((h) => h.split(','))) {
    if (item.trim() === '') continue;
    const server = parseMemcacheServer(item, defaultPort);
    if (!out.some((s) => s.label === server.label)) out.push(server);
  }
  if (out.length === 0) {
    throw new SessionOptionError(
      ':memcache_host',
      'names no server; set it to host or host:port (e.g. localhost)',
    );
  }
  return out;
}
