// The contract of a `:auth` login mode (reference sunstone-server.md §6.1). A strategy reads the
// credentials a login request carries without asking anyone (so the brute-force limiter can refuse
// before anything is checked), then verifies them against oned or its user pool. No Fastify here:
// the route turns the HTTP request into a LoginRequest.
import type { X509Certificate } from 'node:crypto';
import type { AuthMode } from '../config/types.js';

/** `Authorization: Basic` credentials, as the route parsed them. */
export interface PasswordCredentials {
  readonly user: string;
  readonly password: string;
}

/** What a strategy may look at in a POST /login. */
export interface LoginRequest {
  /** The Basic credentials, or null when the header is absent or not Basic. */
  readonly basic: PasswordCredentials | null;
  /**
   * Request headers (lower-case names), only when the direct peer is in :trusted_proxies; null
   * otherwise, so nobody else can claim a REMOTE_USER or a client certificate.
   */
  readonly proxyHeaders: Readonly<Record<string, string | readonly string[] | undefined>> | null;
  /** The client certificate of a TLS connection, verified by Node against the configured CAs. */
  readonly peerCertificate: X509Certificate | null;
}

/** Who logged in: the oned user name, and the group a login token was scoped to. */
export interface LoginIdentity {
  readonly user: string;
  /** EGID of a group-scoped login token used as password (opennebula mode), else undefined. */
  readonly egid?: number;
}

/** One login attempt, its credentials read but not yet checked. */
export interface LoginAttempt {
  /** What the request claims to be (user name or certificate DN): the per-user limit's key, and for logs. */
  readonly claimed: string;
  /**
   * Checks the credentials. Resolves with the identity, or null when they are refused. Rejects when
   * the backend cannot answer (oned unreachable): that is an outage, never a failed login.
   */
  verify(): Promise<LoginIdentity | null>;
}

export interface LoginStrategy {
  readonly mode: AuthMode;
  /** The attempt the request carries, or null when it has no credentials this mode accepts. */
  attempt(request: LoginRequest): LoginAttempt | null;
}

/** The session string oned is called with for an identity: "name" or "name:egid" (reference §6.1). */
export function tokenUserOf(identity: LoginIdentity): string {
  return identity.egid === undefined ? identity.user : `${identity.user}:${identity.egid}`;
}
