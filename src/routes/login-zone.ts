// The zone a new session starts in (reference sunstone-server.md §5.3, §6.2 step 7). The user's
// TEMPLATE/SUNSTONE/DEFAULT_ZONE_ENDPOINT, when set, becomes the session's active endpoint; the
// local oned's one.system.config (as serveradmin) gives id_own_federation; the active endpoint's
// gives zone_id and federation_mode (FEDERATION/MODE upper-cased); one.zone.info(zone_id) as the
// user gives zone_name and the zone's OneFlow (TEMPLATE/ONEFLOW_ENDPOINT, else :oneflow_server).
// The one.system.config answers come through a short-lived cache (federation-cache.ts).
// Any failure is Sunstone's login 500 with the message; the caller answers it.
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import type { OneClient, OneJson } from '../one/types.js';
import type { FederationCache } from './federation-cache.js';
import { ZoneIdUnknownError } from './errors.js';
import { textAt } from './one-json.js';

export interface LoginZoneFields {
  readonly active_zone_endpoint?: string;
  readonly id_own_federation: string;
  readonly zone_id: string;
  readonly zone_name: string;
  readonly zone_flow_url: string;
  readonly federation_mode: string;
}

export interface LoginZoneDeps {
  readonly oneClient: OneClient;
  /** one.system.config's FEDERATION facts per endpoint. */
  readonly federation: FederationCache;
  /** :oneflow_server, for a zone without TEMPLATE/ONEFLOW_ENDPOINT. */
  readonly oneflowServer: string;
}

function endpointOpt(endpoint: string | undefined): { endpoint?: string } {
  return endpoint === undefined ? {} : { endpoint };
}

/** The zone fields of a new session for the user whose document (one.user.info) is `user`. */
export async function loginZoneFields(
  user: OneJson,
  userSession: string,
  deps: LoginZoneDeps,
): Promise<LoginZoneFields> {
  const preferred = textAt(user.USER, 'TEMPLATE/SUNSTONE/DEFAULT_ZONE_ENDPOINT');
  const active = preferred === undefined || preferred === '' ? undefined : preferred;
  const local = await deps.federation.get(undefined);
  const remote = active === undefined ? local : await deps.federation.get(active);
  const ownId = local.zoneId;
  const zoneId = remote.zoneId;
  if (ownId === undefined || zoneId === undefined || !/^\d+$/.test(zoneId)) throw new ZoneIdUnknownError();
  const zone = await deps.oneClient.info(
    userSession,
    kindByUrl('zone') as ResourceKind,
    Number(zoneId),
    endpointOpt(active),
  );
  const flow = textAt(zone.ZONE, 'TEMPLATE/ONEFLOW_ENDPOINT');
  return {
    ...(active === undefined ? {} : { active_zone_endpoint: active }),
    id_own_federation: ownId,
    zone_id: zoneId,
    zone_name: textAt(zone.ZONE, 'NAME') ?? '',
    zone_flow_url: flow === undefined || flow === '' ? deps.oneflowServer : flow,
    federation_mode: (remote.mode ?? 'STANDALONE').toUpperCase(),
  };
}
