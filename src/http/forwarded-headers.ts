// Fastify reads the client address, scheme and host from X-Forwarded-For/-Proto/-Host (through our
// trust function), but knows nothing of RFC 7239 `Forwarded`. Before Fastify looks at a request,
// a `Forwarded` header from a trusted peer is restated as X-Forwarded-* so that request.ip,
// request.protocol and request.host (and the request log) follow either style the same way.
//
// When a request carries both styles, X-Forwarded-* wins and Forwarded is ignored: Apache's
// mod_proxy and nginx set X-Forwarded-For and pass a client's own `Forwarded` through untouched,
// so preferring Forwarded would let any client behind them choose its address. The shipped
// configs in config/ also drop a client's Forwarded header.
import type { IncomingMessage } from 'node:http';
import { parseForwarded } from './forwarded.js';
import type { ProxyTrust } from './proxy-trust.js';

const X_FORWARDED = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host'] as const;

export function adoptForwardedHeader(req: IncomingMessage, trust: ProxyTrust): void {
  const header = req.headers.forwarded;
  if (header === undefined || X_FORWARDED.some((h) => req.headers[h] !== undefined)) return;
  if (!trust.trustsPeer(req.socket.remoteAddress)) return;
  const elements = parseForwarded(header);
  if (elements.length === 0) return;
  const nodes = elements.map((e) => e.for ?? 'unknown');
  // The element the edge proxy wrote: walking from the nearest proxy back, the first one whose
  // sender is not itself a trusted proxy (the same walk Fastify does over X-Forwarded-For). Its
  // proto and host are what the client used.
  let edge = nodes.length - 1;
  while (edge > 0 && trust.trusts(nodes[edge])) edge--;
  const chosen = elements[edge] ?? {};
  req.headers['x-forwarded-for'] = nodes.join(', ');
  if (chosen.proto !== undefined) req.headers['x-forwarded-proto'] = chosen.proto;
  if (chosen.host !== undefined) req.headers['x-forwarded-host'] = chosen.host;
}
