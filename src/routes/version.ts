// GET /version (reference §3.1): the OpenNebula version whose REST surface this server speaks,
// compact JSON as Sunstone's `to_json`. Public: scripts probe it before logging in.
import type { FastifyInstance } from 'fastify';
import { JSON_TYPE } from './json-reply.js';

/** Ruby Sunstone 6.10.5 is the reference we are compatible with (OCA's OpenNebula::VERSION). */
export const SUNSTONE_COMPAT_VERSION = '6.10.5';

export async function versionRoutes(app: FastifyInstance): Promise<void> {
  const body = JSON.stringify({ version: SUNSTONE_COMPAT_VERSION });
  app.get('/version', async (_request, reply) => reply.type(JSON_TYPE).send(body));
}
