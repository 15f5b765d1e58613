// The ZONENAME header switch (reference sunstone-server.md §2.1 step 4). A request of a logged-in
// user that carries `ZONENAME: <name>` (the UI sends it with GET /config, then reloads) looks the
// zone up in `one.zonepool.info` as that user, checks that the zone's oned answers
// `one.system.config` as serveradmin, and stores the zone in the session: from then on every call
// of the session goes to the zone's TEMPLATE/ENDPOINT (zone-client.ts) and OneFlow calls to its
// ONEFLOW_ENDPOINT. Unknown zone: 404 "Zone X does not exist"; zone not answering: 410; no
// FEDERATION/ZONE_ID: 500, all with Sunstone's messages. Then the request goes on as usual.
// Registered with fastify-plugin inside the API scope, after protect(): the CSRF check comes first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import { xmlToJsonAsync } from '../one/xml-to-json.js';
import type { OneJson, OneJsonValue } from '../one/types.js';
import type { OneDeps } from './deps.js';
import { ZoneIdUnknownError, ZoneNotFoundError, ZoneUnavailableError } from './errors.js';
import { oneFailure } from './one-failure.js';
import { asList, textAt } from './one-json.js';
import { sessionFor } from './user-session.js';
import { zoneEndpoint } from './zone-client.js';

export interface ZoneSwitchOptions extends OneDeps {
  /** :oneflow_server, for zones without a TEMPLATE/ONEFLOW_ENDPOINT. */
  readonly oneflowServer: string;
}

/** What a switch stores in the session (SessionData's zone fields). */
export interface ZoneChoice {
  readonly zone_name: string;
  readonly zone_id: string;
  readonly active_zone_endpoint?: string;
  readonly zone_flow_url: string;
}

/** The header's value: Node lowercases names; "ZONENAME" is the only spelling a browser can send. */
export function zoneNameHeader(request: FastifyRequest): string | undefined {
  const v = request.headers.zonename;
  const name = Array.isArray(v) ? v[0] : v;
  return name === undefined || name === '' ? undefined : name;
}

/** The ZONE whose NAME is `name` in a ZONE_POOL document, or undefined. */
export function findZone(pool: OneJson, name: string): OneJson | undefined {
  const root = pool.ZONE_POOL;
  const zones = typeof root === 'object' && root !== null && !Array.isArray(root) ? asList(root.ZONE) : [];
  let found: OneJson | undefined;
  // Names are unique in oned; like Sunstone, the last match would win.
  for (const z of zones) if (textAt(z, 'NAME') === name) found = z as OneJson;
  return found;
}

async function switchZone(
  request: FastifyRequest,
  name: string,
  opts: ZoneSwitchOptions,
): Promise<ZoneChoice> {
  const zones = kindByUrl('zone') as ResourceKind;
  const current = zoneEndpoint(request);
  let pool: OneJson;
  try {
    pool = await opts.oneClient.pool(sessionFor(request, opts.tokens), zones, -2, {
      ...(current === undefined ? {} : { endpoint: current }),
    });
  } catch (err) {
    throw oneFailure(err, 500);
  }
  const zone = findZone(pool, name);
  if (zone === undefined) throw new ZoneNotFoundError(name);
  const endpoint = textAt(zone as OneJsonValue, 'TEMPLATE/ENDPOINT');
  let config: OneJson;
  try {
    const xml = await opts.oneClient.call(opts.tokens.forServer(), 'one.system.config', [], {
      ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }),
    });
    config = await xmlToJsonAsync(typeof xml === 'string' ? xml : '', {
      what: `one.system.config of zone ${name}`,
    });
  } catch (err) {
    throw new ZoneUnavailableError(name, err);
  }
  if (textAt(config, 'OPENNEBULA_CONFIGURATION/FEDERATION/ZONE_ID') === undefined)
    throw new ZoneIdUnknownError();
  const flow = textAt(zone as OneJsonValue, 'TEMPLATE/ONEFLOW_ENDPOINT');
  return {
    zone_name: name,
    zone_id: textAt(zone as OneJsonValue, 'ID') ?? '',
    ...(endpoint === undefined || endpoint === '' ? {} : { active_zone_endpoint: endpoint }),
    zone_flow_url: flow === undefined || flow === '' ? opts.oneflowServer : flow,
  };
}

async function zoneSwitchPlugin(app: FastifyInstance, opts: ZoneSwitchOptions): Promise<void> {
  app.addHook('preHandler', async (request, reply) => {
    const name = zoneNameHeader(request);
    const session = request.session;
    if (name === undefined || session === null) return;
    const choice = await switchZone(request, name, opts);
    const { active_zone_endpoint: _old, ...rest } = session.data;
    session.data = { ...rest, ...choice };
    await app.sessions.update(request, reply, session);
  });
}

export const zoneSwitch = fp(zoneSwitchPlugin, {
  name: 'sunstone-zone-switch',
  fastify: '5.x',
  dependencies: ['sunstone-sessions'],
});
