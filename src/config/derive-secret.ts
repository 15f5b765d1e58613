// The key that signs session cookies: `:session_secret` when set, otherwise derived from the
// serveradmin password in sunstone_auth. Every instance that shares sunstone_auth (processes on
// one machine, machines behind a load balancer) then signs and verifies cookies alike, with no
// extra setup, and changing the serveradmin password invalidates old cookies.
import { createHmac } from 'node:crypto';
import type { SunstoneConfig } from './types.js';

/** Fixed label: the derived key is only ever used for cookie signing (domain separation). */
const LABEL = 'sunstone-server session cookie signing key v1';

export function sessionSecret(
  config: Pick<SunstoneConfig, 'session_secret'>,
  creds: { readonly user: string; readonly password: string },
): Buffer {
  if (config.session_secret !== null) return Buffer.from(config.session_secret, 'utf8');
  return createHmac('sha256', creds.password).update(LABEL).digest();
}
