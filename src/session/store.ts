// The contract every session store fulfils (memory and memcached). Data goes in and comes back as
// JSON, as memcached holds it, so code that works with one store works with the other.

/** What a logged-in session holds. Sunstone's field names and string values (reference §5.3); never a password. */
export interface SessionData {
  readonly user: string;
  readonly user_id: string;
  readonly user_gid: string;
  readonly user_gname: string;
  readonly display_name: string;
  readonly lang: string;
  readonly csrftoken: string;
  /** "true" or "false", as Sunstone stores the login form field. */
  readonly remember: 'true' | 'false';
  /** Epoch milliseconds after which the session is gone, whatever the store's own TTL does. */
  readonly expires: number;
  /** Client IP, only kept when :session_bind_ip is true. */
  readonly ip?: string;
  // Set by the ZONENAME switch (reference §2.1 step 4, src/routes/zones.ts); absent = the local zone.
  /** The oned endpoint every call of this session goes to (the zone's TEMPLATE/ENDPOINT). */
  readonly active_zone_endpoint?: string;
  readonly zone_name?: string;
  readonly zone_id?: string;
  /** OneFlow of that zone (TEMPLATE/ONEFLOW_ENDPOINT, else :oneflow_server). */
  readonly zone_flow_url?: string;
  // Set at login (reference §5.3, §6.2 step 7) from one.system.config FEDERATION.
  /** The local oned's FEDERATION/ZONE_ID. */
  readonly id_own_federation?: string;
  /** FEDERATION/MODE upper-cased: STANDALONE, MASTER or SLAVE; GET /:pool?zone_id needs non-STANDALONE. */
  readonly federation_mode?: string;
  /** The user's FireEdge JWT, fetched at login (src/routes/login-fireedge.ts) for GET /auth_fireedge. */
  readonly fireedge_token?: string;
}

/** The optional string fields of SessionData (checked when a session is read back). */
const OPTIONAL_STRINGS = [
  'ip',
  'active_zone_endpoint',
  'zone_name',
  'zone_id',
  'zone_flow_url',
  'id_own_federation',
  'federation_mode',
  'fireedge_token',
] as const;

/** What a readiness check learns from a store: can it serve, and in words which part cannot. */
export interface StoreHealth {
  /** True when sessions can be read and written (with several memcached servers: at least one is up). */
  readonly ok: boolean;
  /** One line for operators, e.g. "memcached 127.0.0.1:11211 up; 10.0.0.2:11211 down (connect ECONNREFUSED)". */
  readonly detail: string;
}

export interface SessionStore {
  /** The session, or null when unknown or expired. Rejects with SUN_ERR_SESSION_STORE when the store cannot answer. */
  get(id: string): Promise<SessionData | null>;
  /** Create or replace; the store forgets it after `ttlSeconds`. */
  set(id: string, data: SessionData, ttlSeconds: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /**
   * Asks the backend now (bounded by the store's operation timeout) and never rejects: the readiness
   * endpoint (`GET /ready`) reports it, and start-up logs it.
   */
  health(): Promise<StoreHealth>;
  /** Release sockets and memory; the store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * Counters with a fixed window, for limits shared by every process that shares the store (failed
 * logins per address or user name). Kept apart from session ids: a counter key can never read or
 * overwrite a session.
 */
export interface CounterStore {
  /** Add one and return the new value; a new counter starts at 1 and is forgotten `ttlSeconds` later. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /** The current value, 0 when unknown or expired. */
  count(key: string): Promise<number>;
  /** Forget the counter. */
  reset(key: string): Promise<void>;
}

/**
 * Short-lived single-use tickets (VNC console tokens), kept where the sessions are so that any
 * server sharing the store can redeem one. Names live apart from sessions and counters.
 */
export interface TicketStore {
  /** Keep `value` under `name`; the store forgets it after `ttlSeconds`. */
  putTicket(name: string, value: string, ttlSeconds: number): Promise<void>;
  /** The value, or null when unknown, expired or already claimed. Reading does not use it up. */
  peekTicket(name: string): Promise<string | null>;
  /**
   * Use the ticket up: true for exactly one caller among all processes sharing the store, false
   * for every later one. The ticket is gone afterwards. `ttlSeconds` bounds how long the claim is
   * remembered (the ticket's own lifetime is enough).
   */
  claimTicket(name: string, ttlSeconds: number): Promise<boolean>;
}

/** True when `store` also keeps tickets (both of ours do; a test double may not). */
export function isTicketStore(store: object): store is TicketStore {
  const s = store as Partial<TicketStore>;
  return (
    typeof s.putTicket === 'function' &&
    typeof s.peekTicket === 'function' &&
    typeof s.claimTicket === 'function'
  );
}

/** True when a value read back from a store has the shape of SessionData (stores are outside our process). */
export function isSessionData(v: unknown): v is SessionData {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const strings = ['user', 'user_id', 'user_gid', 'user_gname', 'display_name', 'lang', 'csrftoken'];
  return (
    strings.every((k) => typeof o[k] === 'string') &&
    (o.remember === 'true' || o.remember === 'false') &&
    typeof o.expires === 'number' &&
    OPTIONAL_STRINGS.every((k) => o[k] === undefined || typeof o[k] === 'string')
  );
}
