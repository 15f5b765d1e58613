// The FEDERATION facts of an oned (one.system.config as serveradmin: ZONE_ID and MODE), kept per
// endpoint for a short while. Every login needs them (login-zone.ts), and asking at each login was
// one of its four oned calls: a new socket (oned closes it after every answer) and a conversion of
// all of oned.conf, for two values that only change when oned restarts with another oned.conf.
// Only successes are kept; calls for an endpoint already being asked share that call. Bounded:
// at most `maxEndpoints` endpoints (the oldest written goes first), each for `ttlMs`.
import type { OneClient } from '../one/types.js';
import { ExpiringMap } from '../session/expiring-map.js';
import { xmlToJsonAsync } from '../one/xml-to-json.js';
import { textAt } from './one-json.js';

/** FEDERATION/ZONE_ID and FEDERATION/MODE as oned wrote them (undefined when absent). */
export interface FederationFacts {
  readonly zoneId: string | undefined;
  readonly mode: string | undefined;
}

export interface FederationCacheOptions {
  readonly oneClient: Pick<OneClient, 'call'>;
  /** serveradmin's session string (Sunstone asks one.system.config as serveradmin). */
  readonly serverSession: () => string;
  /** How long an answer is used (default 60 s). */
  readonly ttlMs?: number;
  /** Endpoints remembered at once (default 16, the oned client's own bound on zones). */
  readonly maxEndpoints?: number;
  /** Clock in ms (tests inject one). */
  readonly now?: () => number;
}

export interface FederationCache {
  /** The facts of `endpoint` (undefined: :one_xmlrpc); rejects as the oned call or conversion does. */
  get(endpoint: string | undefined): Promise<FederationFacts>;
}

export function createFederationCache(opts: FederationCacheOptions): FederationCache {
  const ttlSeconds = (opts.ttlMs ?? 60_000) / 1000;
  // A call in flight is held with no expiry (its own timeout bounds it), then for the TTL once answered.
  const entries = new ExpiringMap<Promise<FederationFacts>>(
    Math.max(1, opts.maxEndpoints ?? 16),
    opts.now ?? Date.now,
  );

  async function ask(endpoint: string | undefined): Promise<FederationFacts> {
    const xml = await opts.oneClient.call(
      opts.serverSession(),
      'one.system.config',
      [],
      endpoint === undefined ? {} : { endpoint },
    );
    const config = await xmlToJsonAsync(typeof xml === 'string' ? xml : '', {
      what: `one.system.config at ${endpoint ?? ':one_xmlrpc'}`,
    });
    return {
      zoneId: textAt(config, 'OPENNEBULA_CONFIGURATION/FEDERATION/ZONE_ID'),
      mode: textAt(config, 'OPENNEBULA_CONFIGURATION/FEDERATION/MODE'),
    };
  }

  return {
    get(endpoint) {
      const key = endpoint ?? '';
      const held = entries.get(key);
      if (held !== undefined) return held;
      const facts = ask(endpoint);
      entries.set(key, facts, Infinity);
      facts.then(
        () => {
          if (entries.get(key) === facts) entries.set(key, facts, ttlSeconds);
        },
        () => {
          // A failure is not kept: the next login asks again (and reports oned's error again).
          if (entries.get(key) === facts) entries.delete(key);
        },
      );
      return facts;
    },
  };
}
