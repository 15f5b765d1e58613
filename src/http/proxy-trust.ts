// Who may speak for the client: only peers listed in :trusted_proxies (addresses or CIDR ranges,
// IPv4 and IPv6; default loopback) may set the client address, scheme and host through
// X-Forwarded-* or Forwarded (design.md, deliberate differences: Ruby Sunstone believed anyone).
// node:net's BlockList does the matching; it also matches IPv4-mapped IPv6 peers (::ffff:10.0.0.1)
// against IPv4 ranges, which is how a dual-stack socket reports IPv4 clients.
import { BlockList, isIP } from 'node:net';
import { TrustedProxiesError } from './errors.js';

export interface ProxyTrustOptions {
  /**
   * The socket peer is always a proxy, whatever its address says: under Phusion Passenger every
   * request arrives from Apache over a Unix socket that Passenger reports as 127.0.0.1
   * (reference deps.md §4), so the first hop is trusted and :trusted_proxies judges the others.
   */
  readonly peerIsProxy?: boolean;
}

export interface ProxyTrust {
  /** True when `address` is in :trusted_proxies. */
  trusts(address: string | undefined): boolean;
  /** True when the direct peer of a connection (hop 0) may set forwarded headers. */
  trustsPeer(address: string | undefined): boolean;
  /** Fastify's `trustProxy` function: hop 0 is the socket peer, then X-Forwarded-For right to left. */
  readonly fastifyTrust: (address: string, hop: number) => boolean;
}

function withoutZone(address: string): string {
  const pct = address.indexOf('%');
  return pct < 0 ? address : address.slice(0, pct);
}

/** Compiles :trusted_proxies once (at start-up); the checks on the request path are BlockList lookups. */
export function compileProxyTrust(entries: readonly string[], opts: ProxyTrustOptions = {}): ProxyTrust {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    const addr = withoutZone(slash < 0 ? entry : entry.slice(0, slash));
    const family = isIP(addr);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (family === 0) throw new TrustedProxiesError(raw);
    if (slash < 0) {
      list.addAddress(addr, type);
      continue;
    }
    const prefixText = entry.slice(slash + 1);
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128))
      throw new TrustedProxiesError(raw);
    list.addSubnet(addr, prefix, type);
  }

  function trusts(address: string | undefined): boolean {
    if (address === undefined) return false;
    const addr = withoutZone(address);
    const family = isIP(addr);
    return family !== 0 && list.check(addr, family === 6 ? 'ipv6' : 'ipv4');
  }
  const peerIsProxy = opts.peerIsProxy === true;
  function trustsPeer(address: string | undefined): boolean {
    return peerIsProxy || trusts(address);
  }
  return {
    trusts,
    trustsPeer,
    fastifyTrust: (address, hop) => (hop === 0 ? trustsPeer(address) : trusts(address)),
  };
}
