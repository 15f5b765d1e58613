// Which session store a configuration asks for, and whether it fits the process layout. The CLI
// (single process, cluster primary and workers) calls these; buildApp only receives the store.
import type { SessionsBackend, SunstoneConfig } from '../config/types.js';
import { SessionWorkersError } from './errors.js';
import { MemcacheStore } from './memcache-store.js';
import { MemoryStore } from './memory-store.js';
import type { CounterStore, SessionStore, TicketStore } from './store.js';

export type StoreConfig = Pick<
  SunstoneConfig,
  'sessions' | 'memcache_host' | 'memcache_port' | 'memcache_namespace' | 'source'
>;

/** Both stores also keep counters (failed logins) and tickets (VNC tokens), shared across processes with memcached. */
export type SunstoneSessionStore = SessionStore & CounterStore & TicketStore;

/**
 * The store `:sessions` names: memory, or memcached for `memcache` and `memcache-dalli` (Sunstone's
 * two Ruby client gems; one client here). Nothing connects yet: memcached may be down at start-up.
 */
export function createSessionStore(config: StoreConfig): SunstoneSessionStore {
  if (config.sessions === 'memory') return new MemoryStore();
  return new MemcacheStore({
    hosts: config.memcache_host,
    port: config.memcache_port,
    namespace: config.memcache_namespace,
    ...(config.source === null ? {} : { configFile: config.source }),
  });
}

/**
 * The rule for several worker processes: sessions in memory belong to one process, so with more
 * than one worker (cluster, or several processes behind a balancer) they must be in memcached.
 * Throws SUN_ERR_SESSION_WORKERS, whose message says to set :sessions: memcache.
 */
export function checkWorkersFitStore(
  sessions: SessionsBackend,
  workers: number,
  where = 'the configuration',
): void {
  if (sessions === 'memory' && workers > 1) throw new SessionWorkersError(workers, where);
}

export interface StoreLog {
  info(msg: string): void;
  warn(msg: string): void;
}

/**
 * Start-up check: asks the store once and logs what it found. Never throws: with memcached down the
 * server starts anyway (logins answer 503 until it is back) and GET /ready reports it.
 */
export async function logStoreHealth(store: SessionStore, log: StoreLog): Promise<boolean> {
  const health = await store.health();
  if (health.ok) {
    log.info(`session store: ${health.detail}`);
  } else {
    log.warn(
      `session store unavailable at start-up: ${health.detail}; starting anyway, logins answer 503 ` +
        'until it is reachable (GET /ready reports it)',
    );
  }
  return health.ok;
}
