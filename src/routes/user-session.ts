// The oned session string a request acts with: the server_cipher token of its session's user. Every
// oned call on behalf of a user goes through here; the user's password is never kept or reused.
import type { FastifyRequest } from 'fastify';
import { SunstoneError } from '../errors.js';
import type { UserTokens } from './deps.js';

export function sessionFor(request: FastifyRequest, tokens: UserTokens): string {
  if (request.user === null) {
    // protect() already refuses such requests; reaching this is a wiring bug, not a client error.
    throw new SunstoneError(
      'SUN_ERR_ROUTE_NO_SESSION',
      `route ${request.routeOptions.url ?? request.url} ran without a session; register it inside the protected API scope`,
      { statusCode: 500 },
    );
  }
  return tokens.sessionFor(request.user.name);
}
