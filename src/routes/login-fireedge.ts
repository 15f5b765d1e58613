// The FireEdge JWT a login keeps for GET /auth_fireedge (reference sunstone-server.md §3.3). FireEdge
// wants the user's password, which this server never stores (design.md), so the JWT is asked for
// during POST /login, while the Basic credentials are in the request, and only the JWT goes into
// the session. Only for the password modes (opennebula, sunstone); never fails the login: FireEdge
// down or not deployed just means no JWT (logged), and /auth_fireedge then answers 400 as Sunstone.
import type { FastifyRequest } from 'fastify';
import type { AuthMode } from '../config/types.js';
import { fetchFireEdgeToken, type FireEdgeAuthOptions } from '../fireedge/auth-client.js';
import { parseBasicAuth } from './basic-auth.js';

export interface LoginFireEdgeOptions extends FireEdgeAuthOptions {
  /** :private_fireedge_endpoint; '' = FireEdge not deployed, nothing is asked. */
  readonly endpoint: string;
  readonly auth: AuthMode;
}

/** `{fireedge_token}` for the session, or `{}`. Never rejects. */
export async function loginFireEdgeFields(
  request: FastifyRequest,
  opts: LoginFireEdgeOptions,
  token2fa: string,
): Promise<{ fireedge_token?: string }> {
  if (opts.endpoint === '' || (opts.auth !== 'opennebula' && opts.auth !== 'sunstone')) return {};
  const basic = parseBasicAuth(request.headers.authorization);
  if (basic === null) return {};
  try {
    const token = await fetchFireEdgeToken(
      opts.endpoint,
      { user: basic.user, password: basic.password, token2fa },
      opts,
    );
    return { fireedge_token: token };
  } catch (err) {
    // Info, not warn: many deployments have no FireEdge at the default endpoint.
    request.log.info({ code: (err as { code?: string }).code }, (err as Error).message);
    return {};
  }
}
