// What routes get from buildApp: the oned client and the source of per-user oned session strings.
import type { OneClient } from '../one/types.js';

/** The server_cipher token source (src/auth ServerTokens): "serveradmin:<user>:<token>" for a user. */
export interface UserTokens {
  sessionFor(user: string): string;
  /** serveradmin's own session string, for calls the server makes for itself (readiness probe). */
  forServer(): string;
}

export interface OneDeps {
  readonly oneClient: OneClient;
  readonly tokens: UserTokens;
}
