// GET /auth_fireedge (reference sunstone-server.md §3.3): the user's FireEdge JWT, which the stock
// UI's Guacamole and VMRC consoles hand to FireEdge. Sunstone answered it from the session or asked
// FireEdge again with the user's password; this server never keeps a password (design.md), so the
// JWT is fetched once, at login, while the credentials are at hand (src/routes/login.ts), and kept
// in the session. No JWT (FireEdge down at login, not configured, or a login mode without a
// password: remote, x509) is Sunstone's 400 {"token":""}; logging in again fetches a new one.
import type { FastifyInstance } from 'fastify';
import { JSON_TYPE } from './json-reply.js';

export async function authFireEdgeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/auth_fireedge', async (request, reply) => {
    const token = request.session?.data.fireedge_token ?? '';
    return reply
      .code(token === '' ? 400 : 200)
      .type(JSON_TYPE)
      .send(JSON.stringify({ token }));
  });
}
