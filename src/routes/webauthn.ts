// WebAuthn endpoints (reference sunstone-server.md §3.1, §3.3). This server does not do WebAuthn
// (security keys): it answers as Ruby Sunstone does when its WebAuthn gem is not installed, 501 with
// an empty body, which the stock UI takes as "security keys unavailable" and TOTP keeps working.
// GET /webauthn_options_for_get is public (the login page asks before there is a session);
// GET /webauthn_options_for_create needs a session, as in Sunstone.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { JSON_TYPE } from './json-reply.js';

function unavailable(reply: FastifyReply): FastifyReply {
  return reply.code(501).type(JSON_TYPE).send('');
}

/** The public route: register outside the protected API scope. */
export async function webauthnLoginRoutes(app: FastifyInstance): Promise<void> {
  app.get('/webauthn_options_for_get', async (_request, reply) => unavailable(reply));
}

/** The route for logged-in users: register inside the protected API scope. */
export async function webauthnRoutes(app: FastifyInstance): Promise<void> {
  app.get('/webauthn_options_for_create', async (_request, reply) => unavailable(reply));
}
