// The generic read routes over the resource catalogue (reference §3.5): GET /:pool lists a pool,
// GET /:resource/:id shows one object, both as the session user through its server_cipher token.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { jsonChunks, toSunstonePrettyJson } from '../one/json-text.js';
import type { OneJsonValue } from '../one/types.js';
import type { OneDeps } from './deps.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam, kindParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { sessionFor } from './user-session.js';

export interface ResourceRoutesOptions extends OneDeps {
  /** :get_extended_vm_info: list VMs with one.vmpool.infoextended (full bodies). */
  readonly extendedVmPool: boolean;
}

/** Sunstone's JS sends -2 (INFO_ALL); Ruby Sunstone fails without it, we default to it (§11 item 1). */
const DEFAULT_POOL_FILTER = -2;

/** Pools with this many elements are streamed; smaller ones go out whole, with a Content-Length. */
const STREAM_MIN_ELEMENTS = 1000;

/** True when an array of STREAM_MIN_ELEMENTS or more sits in the pool's first two levels. */
export function isLargePool(value: OneJsonValue, depth = 2): boolean {
  if (Array.isArray(value)) return value.length >= STREAM_MIN_ELEMENTS;
  if (depth === 0 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => isLargePool(v, depth - 1));
}

export async function resourceRoutes(app: FastifyInstance, opts: ResourceRoutesOptions): Promise<void> {
  const { oneClient } = opts;

  app.get<{ Params: { pool: string }; Querystring: { pool_filter?: unknown } }>(
    '/:pool',
    async (request, reply) => {
      const kind = kindParam(request.params.pool);
      const raw = request.query.pool_filter;
      const filter =
        raw === undefined || raw === ''
          ? DEFAULT_POOL_FILTER
          : integerParam('pool_filter', typeof raw === 'string' ? raw : String(raw));
      let pool;
      try {
        pool = await oneClient.pool(sessionFor(request, opts.tokens), kind, filter, {
          extended: kind.url === 'vm' && opts.extendedVmPool,
        });
      } catch (err) {
        throw oneFailure(err, 500);
      }
      reply.type(JSON_TYPE);
      // Pools are compact (Hash#to_json); big ones are streamed so other requests keep flowing.
      return isLargePool(pool)
        ? reply.send(Readable.from(jsonChunks(pool), { objectMode: false }))
        : reply.send(JSON.stringify(pool));
    },
  );

  app.get<{ Params: { resource: string; id: string }; Querystring: { extended?: unknown } }>(
    '/:resource/:id',
    async (request, reply) => {
      const kind = kindParam(request.params.resource);
      const id = integerParam('id', request.params.id);
      // Sunstone enables `extended` for any value but "false" (for vm it means decrypt=true).
      const extended = request.query.extended !== undefined && request.query.extended !== 'false';
      let doc;
      try {
        doc = await oneClient.info(sessionFor(request, opts.tokens), kind, id, {
          ...(extended ? { decrypt: true } : {}),
        });
      } catch (err) {
        // Every read error is a 404, even "not authorized" (§4.4, §11 item 4).
        throw oneFailure(err, 404);
      }
      return reply.type(JSON_TYPE).send(toSunstonePrettyJson(doc));
    },
  );
}
