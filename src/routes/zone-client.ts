// The oned a request talks to. After a ZONENAME switch (zones.ts) the session names another zone's
// endpoint, and every call of that session goes there, as Sunstone builds its client with
// session[:active_zone_endpoint] (reference sunstone-server.md §2.1 step 5). Routes take their
// client from here instead of using the app's client directly.
import type { FastifyRequest } from 'fastify';
import type { CallOptions, OneClient } from '../one/types.js';

/** The session's zone endpoint, or undefined for the configured :one_xmlrpc. */
export function zoneEndpoint(request: FastifyRequest): string | undefined {
  const endpoint = request.session?.data.active_zone_endpoint;
  return endpoint === undefined || endpoint === '' ? undefined : endpoint;
}

/**
 * `client` with `endpoint` as the default of every call (an explicit endpoint still wins). Every
 * method of OneClient is listed, so a new one fails to compile here until it follows the zone too.
 */
export function clientForEndpoint(client: OneClient, endpoint: string | undefined): OneClient {
  if (endpoint === undefined) return client;
  const at = <T extends CallOptions>(opts: T | undefined): T => ({ endpoint, ...opts }) as T;
  return {
    call: (session, method, params, opts) => client.call(session, method, params, at(opts)),
    info: (session, kind, id, opts) => client.info(session, kind, id, at(opts)),
    infoText: (session, kind, id, opts) => client.infoText(session, kind, id, at(opts)),
    pool: (session, kind, filter, opts) => client.pool(session, kind, filter, at(opts)),
    poolText: (session, kind, filter, opts) => client.poolText(session, kind, filter, at(opts)),
    close: () => client.close(),
    destroy: () => client.destroy(),
  };
}

/** The client for this request: the zone its session switched to, else the default endpoint. */
export function oneClientFor(request: FastifyRequest, client: OneClient): OneClient {
  return clientForEndpoint(client, zoneEndpoint(request));
}
