// What a login strategy may see of a POST /login. Headers that name the user (REMOTE_USER,
// X-Auth-Username) or carry a client certificate (SSL_CLIENT_CERT) are passed on only when the
// direct peer is in :trusted_proxies, as the app already decides for X-Forwarded-* (app.proxyTrust);
// otherwise only the TLS connection's own, verified client certificate counts.
import type { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { LoginRequest } from '../auth/login-strategy.js';
import type { ProxyTrust } from '../http/proxy-trust.js';
import { parseBasicAuth } from './basic-auth.js';

/** The client certificate of a TLS connection, when Node verified it against the configured CAs. */
export function verifiedPeerCertificate(socket: Socket | TLSSocket): X509Certificate | null {
  const tls = socket as Partial<TLSSocket>;
  if (typeof tls.getPeerX509Certificate !== 'function' || tls.authorized !== true) return null;
  return tls.getPeerX509Certificate() ?? null;
}

export function loginRequestOf(request: FastifyRequest, trust: ProxyTrust): LoginRequest {
  const socket = request.raw.socket;
  const fromProxy = trust.trustsPeer(socket.remoteAddress);
  return {
    basic: parseBasicAuth(request.headers.authorization),
    proxyHeaders: fromProxy ? request.headers : null,
    peerCertificate: fromProxy ? null : verifiedPeerCertificate(socket),
  };
}
