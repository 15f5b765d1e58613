// The login strategy `:auth` names, built once per app. The modes that read the user pool (sunstone,
// remote, x509) share one 60 s cache of it, fetched as serveradmin; opennebula asks oned each time.
import type { AuthMode } from '../config/types.js';
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import type { OneClient } from '../one/types.js';
import type { LoginStrategy } from './login-strategy.js';
import { openNebulaStrategy } from './opennebula-auth.js';
import { usersOfPool } from './pool-users.js';
import { remoteStrategy } from './remote-auth.js';
import { sunstoneStrategy } from './sunstone-auth.js';
import { UserPoolCache } from './user-pool-cache.js';
import { x509Strategy } from './x509-auth.js';

export interface LoginStrategyDeps {
  readonly oneClient: OneClient;
  /** serveradmin's own session string (ServerTokens.forServer). */
  readonly serverSession: () => string;
  /** Clock in epoch ms (the pool cache's age). */
  readonly now: () => number;
}

export function userKind(): ResourceKind {
  const kind = kindByUrl('user');
  if (kind === undefined) throw new Error('the resource catalogue has no "user" kind');
  return kind;
}

export function createLoginStrategy(mode: AuthMode, deps: LoginStrategyDeps): LoginStrategy {
  const users = userKind();
  if (mode === 'opennebula') return openNebulaStrategy(deps.oneClient, users);
  const pool = new UserPoolCache({
    fetch: async () => usersOfPool(await deps.oneClient.pool(deps.serverSession(), users, -2)),
    now: deps.now,
  });
  if (mode === 'sunstone') return sunstoneStrategy(pool);
  if (mode === 'remote') return remoteStrategy(pool);
  return x509Strategy(pool);
}
