// Session lifecycle for one app: find the session a request's cookie names, start one at login,
// slide its expiry, end it at logout. Store failures become SessionStoreError (503), never "logged out".
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasCode } from '../errors.js';
import {
  SESSION_COOKIE,
  newSessionId,
  sessionCookieOptions,
  signSessionId,
  SessionCookieVerifier,
  type RandomBytes,
} from './cookie.js';
import { newCsrfToken } from './csrf.js';
import { SessionStoreError } from './errors.js';
import type { SessionData, SessionStore } from './store.js';

/** `remember=true` at login: 30 days minus one second, as Sunstone's Rack option (reference §5.2). */
export const REMEMBER_SECONDS = 30 * 24 * 3600 - 1;

export interface SessionManagerOptions {
  readonly store: SessionStore;
  readonly secret: Buffer;
  /** :session_expire_time, seconds of idleness before a normal session ends. */
  readonly expireTime: number;
  /** :base_path ('' for the root): the cookie's Path. */
  readonly basePath: string;
  /** :session_bind_ip: a session only works from the IP that logged in. */
  readonly bindIp: boolean;
  readonly now: () => number;
  readonly random: RandomBytes;
}

export interface ActiveSession {
  readonly id: string;
  data: SessionData;
}

/** What login knows about the user; the manager adds the token, expiry and binding. */
export type SessionFields = Omit<SessionData, 'csrftoken' | 'expires' | 'ip' | 'remember'>;

export class SessionManager {
  readonly #o: SessionManagerOptions;
  readonly #cookies: SessionCookieVerifier;

  /** Renewals closer together than this are skipped (see renew). */
  readonly #renewStepMs: number;

  constructor(options: SessionManagerOptions) {
    this.#o = options;
    this.#cookies = new SessionCookieVerifier(options.secret);
    this.#renewStepMs = Math.min(60_000, options.expireTime * 10);
  }

  get store(): SessionStore {
    return this.#o.store;
  }

  /** The live session the request's cookie names, or null (no cookie, forged, unknown, expired, other IP). */
  async load(request: FastifyRequest): Promise<ActiveSession | null> {
    const id = this.#cookies.verify(request.cookies[SESSION_COOKIE]);
    if (id === null) return null;
    const data = await this.#call('read', () => this.#o.store.get(id));
    if (data === null || data.expires <= this.#o.now()) return null;
    if (this.#o.bindIp && data.ip !== request.ip) return null;
    return { id, data };
  }

  /** A new session (always a new id, so a pre-login id can never be fixed on a victim). */
  async start(
    request: FastifyRequest,
    reply: FastifyReply,
    fields: SessionFields,
    remember: boolean,
  ): Promise<ActiveSession> {
    const old = this.#cookies.verify(request.cookies[SESSION_COOKIE]);
    if (old !== null) await this.#call('delete', () => this.#o.store.destroy(old));
    const ttl = remember ? REMEMBER_SECONDS : this.#o.expireTime;
    const data: SessionData = {
      ...fields,
      csrftoken: newCsrfToken(this.#o.random),
      remember: remember ? 'true' : 'false',
      expires: this.#o.now() + ttl * 1000,
      ...(this.#o.bindIp ? { ip: request.ip } : {}),
    };
    const session = { id: newSessionId(this.#o.random), data };
    await this.#save(request, reply, session, ttl);
    return session;
  }

  /**
   * Slide a normal session's expiry (Sunstone's after filter, reference §2.2). Remembered sessions
   * keep the 30 days they got at login.
   *
   * A session renewed less than 1% of :session_expire_time ago (at most 60 s) is left as it is: a
   * busy page asks several times a second, and writing the store and re-signing the cookie on each
   * request was most of the cost of the session. The expiry still slides with every request; it
   * just moves in steps, so a session idle for the whole expire time ends at most that step early.
   */
  async renew(request: FastifyRequest, reply: FastifyReply, session: ActiveSession): Promise<void> {
    if (session.data.remember === 'true') return;
    const expires = this.#o.now() + this.#o.expireTime * 1000;
    if (expires - session.data.expires < this.#renewStepMs) return;
    session.data = { ...session.data, expires };
    await this.#save(request, reply, session, this.#o.expireTime);
  }

  /** Store changed data (e.g. the language after POST /config) without moving the expiry. */
  async update(request: FastifyRequest, reply: FastifyReply, session: ActiveSession): Promise<void> {
    const ttl = Math.max(1, Math.ceil((session.data.expires - this.#o.now()) / 1000));
    await this.#save(request, reply, session, ttl);
  }

  async end(request: FastifyRequest, reply: FastifyReply, session: ActiveSession): Promise<void> {
    await this.#call('delete', () => this.#o.store.destroy(session.id));
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.#cookieBase(request)));
  }

  async #save(
    request: FastifyRequest,
    reply: FastifyReply,
    session: ActiveSession,
    ttl: number,
  ): Promise<void> {
    await this.#call('write', () => this.#o.store.set(session.id, session.data, ttl));
    reply.setCookie(
      SESSION_COOKIE,
      signSessionId(session.id, this.#o.secret),
      sessionCookieOptions({ ...this.#cookieBase(request), expires: session.data.expires }),
    );
  }

  #cookieBase(request: FastifyRequest): { basePath: string; secure: boolean } {
    return { basePath: this.#o.basePath, secure: request.protocol === 'https' };
  }

  async #call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      // Stores that know better (memcached names host:port) throw their own SUN_ERR_SESSION_STORE.
      if (hasCode(err, 'SUN_ERR_SESSION_STORE')) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new SessionStoreError(
        `could not ${operation} a session (${why}); check that the store configured with :sessions ` +
          'in sunstone-server.conf is running and reachable',
        { cause: err },
      );
    }
  }
}
