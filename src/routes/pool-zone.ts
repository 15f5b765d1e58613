// GET /:pool?zone_id=N (reference sunstone-server.md §3.5): in a federation the UI lists another
// zone's objects without switching the session to it. Sunstone honours zone_id only when the
// session's federation_mode is not STANDALONE; it then reads the zone (one.zone.info as the user, at
// the session's current endpoint) and lists at that zone's TEMPLATE/ENDPOINT with the user's token.
// A zone it cannot read is a 500 with oned's message, as Sunstone's.
import type { FastifyRequest } from 'fastify';
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import type { OneDeps } from './deps.js';
import { integerParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { textAt } from './one-json.js';
import { sessionFor } from './user-session.js';
import { oneClientFor, zoneEndpoint } from './zone-client.js';

/** The query's zone_id when Sunstone would honour it, else undefined. */
export function requestedZoneId(request: FastifyRequest, raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  // Sunstone compares with the exact string; a session without the field is not STANDALONE there.
  if (request.session?.data.federation_mode === 'STANDALONE') return undefined;
  return integerParam('zone_id', typeof raw === 'string' ? raw : String(raw));
}

/**
 * The endpoint a pool listing goes to: zone `zoneId`'s TEMPLATE/ENDPOINT, or the session's own
 * (undefined = :one_xmlrpc) when no zone is asked for or the zone names no endpoint.
 */
export async function poolEndpoint(
  request: FastifyRequest,
  deps: OneDeps,
  zoneId: number | undefined,
): Promise<string | undefined> {
  const current = zoneEndpoint(request);
  if (zoneId === undefined) return current;
  let zone;
  try {
    zone = await oneClientFor(request, deps.oneClient).info(
      sessionFor(request, deps.tokens),
      kindByUrl('zone') as ResourceKind,
      zoneId,
    );
  } catch (err) {
    throw oneFailure(err, 500);
  }
  const endpoint = textAt(zone.ZONE, 'TEMPLATE/ENDPOINT');
  return endpoint === undefined || endpoint === '' ? current : endpoint;
}
