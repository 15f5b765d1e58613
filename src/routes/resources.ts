// The generic read routes over the resource catalogue (reference §3.5): GET /:pool lists a pool,
// GET /:resource/:id shows one object, both as the session user through its server_cipher token.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OneDeps } from './deps.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam, kindParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { sessionFor } from './user-session.js';
import { poolEndpoint, requestedZoneId } from './pool-zone.js';
import { clientForEndpoint, oneClientFor } from './zone-client.js';

export interface ResourceRoutesOptions extends OneDeps {
  /** :get_extended_vm_info: list VMs with one.vmpool.infoextended (full bodies). */
  readonly extendedVmPool: boolean;
}

/** Sunstone's JS sends -2 (INFO_ALL); Ruby Sunstone fails without it, we default to it (§11 item 1). */
const DEFAULT_POOL_FILTER = -2;

/**
 * A signal that fires when the HTTP client goes away before its answer is complete, so that the
 * oned calls of a long listing stop with it.
 */
function clientGone(reply: FastifyReply): AbortSignal {
  const ctl = new AbortController();
  const res = reply.raw;
  res.once('close', () => {
    if (!res.writableFinished) ctl.abort();
  });
  return ctl.signal;
}

export async function resourceRoutes(app: FastifyInstance, opts: ResourceRoutesOptions): Promise<void> {
  app.get<{ Params: { pool: string }; Querystring: { pool_filter?: unknown; zone_id?: unknown } }>(
    '/:pool',
    async (request, reply) => {
      const kind = kindParam(request.params.pool);
      // ?zone_id lists another zone of the federation without switching the session (pool-zone.ts).
      const zoneId = requestedZoneId(request, request.query.zone_id);
      const oneClient = clientForEndpoint(opts.oneClient, await poolEndpoint(request, opts, zoneId));
      const raw = request.query.pool_filter;
      const filter =
        raw === undefined || raw === ''
          ? DEFAULT_POOL_FILTER
          : integerParam('pool_filter', typeof raw === 'string' ? raw : String(raw));
      let text;
      try {
        text = await oneClient.poolText(sessionFor(request, opts.tokens), kind, filter, {
          extended: kind.url === 'vm' && opts.extendedVmPool,
          signal: clientGone(reply),
        });
      } catch (err) {
        throw oneFailure(err, 500);
      }
      reply.type(JSON_TYPE);
      // Pools are compact (Hash#to_json). A long one is written page by page while the next page is
      // fetched; if a later page fails, the stream errors and Fastify destroys the connection, so the
      // client sees a broken answer, never a truncated JSON that looks complete.
      if ('whole' in text) return reply.send(text.whole);
      return reply.send(Readable.from(text.pieces, { objectMode: false }));
    },
  );

  app.get<{ Params: { resource: string; id: string }; Querystring: { extended?: unknown } }>(
    '/:resource/:id',
    async (request, reply) => {
      const oneClient = oneClientFor(request, opts.oneClient);
      const kind = kindParam(request.params.resource);
      const id = integerParam('id', request.params.id);
      // Sunstone enables `extended` for any value but "false" (for vm it means decrypt=true).
      const extended = request.query.extended !== undefined && request.query.extended !== 'false';
      let text;
      try {
        // The pretty JSON text straight from the document (JSON.pretty_generate's bytes).
        text = await oneClient.infoText(sessionFor(request, opts.tokens), kind, id, {
          ...(extended ? { decrypt: true } : {}),
        });
      } catch (err) {
        // Every read error is a 404, even "not authorized" (§4.4, §11 item 4).
        throw oneFailure(err, 404);
      }
      return reply.type(JSON_TYPE).send(text);
    },
  );
}
