// `:auth: x509` (reference §6.1): the user presents a client certificate, verified by whoever
// terminated TLS. Two ways in:
// - through a proxy in :trusted_proxies that puts the certificate in `SSL_CLIENT_CERT` (and the
//   rest of the chain in `SSL_CLIENT_CERT_CHAIN_0..n`), as Apache mod_ssl or nginx do;
// - directly, when this server listens with TLS and asks for client certificates: the connection's
//   certificate, only if Node verified it against the configured CAs.
// A trusted proxy speaks for its clients: its own TLS certificate (a re-encrypting proxy) is never
// taken for the user's. The escaped subject DN (then the issuer and chain for proxy certificates)
// must be one of the '|'-separated DNs in the PASSWORD of a user with driver `x509`. A disabled
// user (ENABLED=0) is refused.
import type { X509Certificate } from 'node:crypto';
import type { LoginRequest, LoginStrategy } from './login-strategy.js';
import type { UserPoolCache } from './user-pool-cache.js';
import { candidateDns, certificateFromHeader } from './x509-dn.js';

/** Most chain certificates read from SSL_CLIENT_CERT_CHAIN_n. */
const MAX_CHAIN = 10;

function header(headers: NonNullable<LoginRequest['proxyHeaders']>, snake: string): string | undefined {
  const v = headers[snake] ?? headers[snake.replace(/_/g, '-')];
  return typeof v === 'string' ? v : v?.[0];
}

/** The certificate and chain the request presents, or null. */
export function presentedCertificates(
  request: LoginRequest,
): { readonly leaf: X509Certificate; readonly chain: X509Certificate[] } | null {
  const headers = request.proxyHeaders;
  if (headers === null) {
    return request.peerCertificate === null ? null : { leaf: request.peerCertificate, chain: [] };
  }
  const leaf = certificateFromHeader(header(headers, 'ssl_client_cert'));
  if (leaf === null) return null;
  const chain: X509Certificate[] = [];
  for (let i = 0; i < MAX_CHAIN; i++) {
    const value = header(headers, `ssl_client_cert_chain_${i}`);
    if (value === undefined) break;
    const cert = certificateFromHeader(value);
    if (cert !== null) chain.push(cert);
  }
  return { leaf, chain };
}

export function x509Strategy(pool: UserPoolCache): LoginStrategy {
  return {
    mode: 'x509',
    attempt(request) {
      const presented = presentedCertificates(request);
      if (presented === null) return null;
      const dns = candidateDns(presented.leaf, presented.chain);
      return {
        claimed: dns[0] ?? '',
        async verify() {
          const users = await pool.users();
          for (const dn of dns) {
            const user = users.x509User(dn);
            if (user !== undefined) return user.enabled ? { user: user.name } : null;
          }
          return null;
        },
      };
    },
  };
}
