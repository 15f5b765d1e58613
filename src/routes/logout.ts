// POST /logout (reference §3.2): needs the CSRF token like any API route, destroys the session, 204.
import type { FastifyInstance } from 'fastify';

export async function logoutRoutes(app: FastifyInstance): Promise<void> {
  app.post('/logout', async (request, reply) => {
    if (request.session !== null) await app.sessions.end(request, reply, request.session);
    request.session = null;
    request.user = null;
    return reply.code(204).send();
  });
}
