// The contract every session store fulfils (memory now, memcached next). Data goes in and comes back
// as JSON, as memcached would hold it, so code that works with one store works with the other.

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
}

export interface SessionStore {
  /** The session, or null when unknown or expired. */
  get(id: string): Promise<SessionData | null>;
  /** Create or replace; the store forgets it after `ttlSeconds`. */
  set(id: string, data: SessionData, ttlSeconds: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Release sockets and memory; the store is unusable afterwards. */
  close(): Promise<void>;
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
    (o.ip === undefined || typeof o.ip === 'string')
  );
}
