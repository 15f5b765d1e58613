// Sessions for a Fastify scope. The plugin (fastify-plugin, so it decorates the scope it is registered
// in) loads the session named by the cookie on every request of that scope and exposes the manager as
// `instance.sessions`. `protect(scope)` adds Sunstone's gate to an API subtree: no session or a wrong
// CSRF token is 401 `csrftoken` (reference §2.1), and each request slides the expiry (§2.2).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { defaultRandom, type RandomBytes } from './cookie.js';
import { CSRF_FIELD, csrfTokenMatches, takeCsrfToken } from './csrf.js';
import { SessionOptionError } from './errors.js';
import { SessionManager, type ActiveSession } from './sessions.js';
import type { SessionStore } from './store.js';

/** The oned user a request acts for, from its session. */
export interface SessionUser {
  readonly name: string;
  readonly id: number;
  readonly gid: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Session lifecycle of this app (start at login, end at logout). */
    readonly sessions: SessionManager;
  }
  interface FastifyRequest {
    /** The live session, or null before login. */
    session: ActiveSession | null;
    user: SessionUser | null;
  }
}

export interface SessionPluginOptions {
  readonly store: SessionStore;
  readonly secret: Buffer;
  /** :session_expire_time in seconds. */
  readonly expireTime: number;
  readonly basePath: string;
  readonly bindIp: boolean;
  readonly now?: () => number;
  readonly random?: RandomBytes;
}

/** Sunstone answers every API response as JSON unless told otherwise, the 401 included. */
const JSON_TYPE = 'application/json;charset=utf-8';

function checkOptions(o: SessionPluginOptions): void {
  if (!Buffer.isBuffer(o.secret) || o.secret.length < 16) {
    throw new SessionOptionError('secret', 'must be a Buffer of at least 16 bytes (:session_secret)');
  }
  if (!Number.isInteger(o.expireTime) || o.expireTime < 1) {
    throw new SessionOptionError(
      'expireTime',
      `(:session_expire_time) must be a positive number of seconds, got ${String(o.expireTime)}`,
    );
  }
  if (o.basePath !== '' && (!o.basePath.startsWith('/') || o.basePath.endsWith('/'))) {
    throw new SessionOptionError('basePath', `(:base_path) must be '' or like /sunstone, got ${o.basePath}`);
  }
}

function userOf(session: ActiveSession): SessionUser {
  return {
    name: session.data.user,
    id: Number(session.data.user_id),
    gid: Number(session.data.user_gid),
  };
}

async function sessionPlugin(instance: FastifyInstance, opts: SessionPluginOptions): Promise<void> {
  checkOptions(opts);
  const manager = new SessionManager({
    store: opts.store,
    secret: opts.secret,
    expireTime: opts.expireTime,
    basePath: opts.basePath,
    bindIp: opts.bindIp,
    now: opts.now ?? Date.now,
    random: opts.random ?? defaultRandom,
  });
  instance.decorate('sessions', {
    getter() {
      return manager;
    },
  });
  instance.decorateRequest('session', null);
  instance.decorateRequest('user', null);
  instance.addHook('onRequest', async (request) => {
    const session = await manager.load(request);
    request.session = session;
    request.user = session === null ? null : userOf(session);
  });
}

export const sessions = fp(sessionPlugin, {
  name: 'sunstone-sessions',
  fastify: '5.x',
  dependencies: ['@fastify/cookie'],
});

function deny(reply: FastifyReply): FastifyReply {
  return reply.code(401).type(JSON_TYPE).send(CSRF_FIELD);
}

/** `timeout=true` marks background polling, which must not keep a session alive (reference §2.2). */
function isPolling(request: FastifyRequest): boolean {
  const q = request.query as Record<string, unknown> | undefined;
  const b = request.body as Record<string, unknown> | undefined | null;
  return q?.timeout === 'true' || (typeof b === 'object' && b !== null && b.timeout === 'true');
}

/** Require a session and its CSRF token on every route of `scope` (an encapsulated API subtree). */
export function protect(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (request, reply) => {
    if (request.session === null) return deny(reply);
  });
  scope.addHook('preValidation', async (request, reply) => {
    const session = request.session;
    if (session === null || !csrfTokenMatches(session.data.csrftoken, takeCsrfToken(request))) {
      return deny(reply);
    }
    if (!isPolling(request)) await scope.sessions.renew(request, reply, session);
  });
}
