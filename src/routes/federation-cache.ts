// The FEDERATION facts of an oned (one.system.config as serveradmin: ZONE_ID and MODE), kept per
// endpoint for a short while. Every login needs them (login-zone.ts), and asking at each login was
// one of its four oned calls: a new socket (oned closes it after every answer) and a conversion of
// all of oned.conf, for two values that only change when oned restarts with another oned.conf.
// Only successes are kept; calls for an endpoint already being asked share that call. Bounded:
// at most `maxEndpoints` endpoints (the oldest asked goes first), each for `ttlMs`.
import type { OneClient } from '../one/types.js';
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

interface Entry {
  readonly facts: Promise<FederationFacts>;
  /** When the answer stops being used; Infinity while the call is in flight. */
  expires: number;
}

export interface FederationCache {
  /** The facts of `endpoint` (undefined: :one_xmlrpc); rejects as the oned call or conversion does. */
  get(endpoint: string | undefined): Promise<FederationFacts>;
}

export function createFederationCache(opts: FederationCacheOptions): FederationCache {
  const ttlMs = opts.ttlMs ?? 60_000;
  const maxEndpoints = Math.max(1, opts.maxEndpoints ?? 16);
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();

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
      if (held !== undefined && held.expires > now()) return held.facts;
      if (held !== undefined) entries.delete(key);
      while (entries.size >= maxEndpoints) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      const entry: Entry = { facts: ask(endpoint), expires: Infinity };
      entries.set(key, entry);
      entry.facts.then(
        () => {
          entry.expires = now() + ttlMs;
        },
        () => {
          // A failure is not kept: the next login asks again (and reports oned's error again).
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.facts;
    },
  };
}
