// POST /login (reference §3.2, §6.2) for every `:auth` mode: the strategy checks the credentials
// (src/auth), the user is read again through the server_cipher token (as every later call will be),
// TOTP is asked for when the user enrolled, then a fresh session. Answers as Sunstone: 204 + cookie,
// 202 {"code":"two_factor_auth","uid":N} for the code, 401 '' for bad credentials, 401
// "Two factor authentication failed", 500 '' when oned cannot be reached (the stock login page then
// says "OpenNebula is not running"). Added: 429 + Retry-After after too many failures
// (src/auth/login-limiter.ts), 503 when the session store is down. The 204 also carries the CSRF
// token in X-CSRF-Token, so scripts need not scrape the page for it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginLimitedError } from '../auth/errors.js';
import { LoginLimiter } from '../auth/login-limiter.js';
import { createLoginStrategy, userKind } from '../auth/login-strategies.js';
import { createFireEdgePool } from '../fireedge/auth-client.js';
import { tokenUserOf, type LoginAttempt } from '../auth/login-strategy.js';
import { secondFactorOf } from '../auth/second-factor.js';
import { totpStepOf } from '../auth/totp.js';
import { firstUseOfTotpStep } from '../auth/totp-replay.js';
import type { SunstoneConfig } from '../config/types.js';
import { hasCode } from '../errors.js';
import type { OneJson, OneJsonValue } from '../one/types.js';
import { SessionStoreError } from '../session/errors.js';
import type { SessionFields } from '../session/sessions.js';
import type { CounterStore } from '../session/store.js';
import type { OneDeps } from './deps.js';
import { errorJson, JSON_TYPE } from './json-reply.js';
import { loginRequestOf } from './login-request.js';
import { createFederationCache } from './federation-cache.js';
import { loginZoneFields, type LoginZoneFields } from './login-zone.js';
import { loginFireEdgeFields } from './login-fireedge.js';

export interface LoginRoutesOptions extends OneDeps {
  readonly config: Pick<
    SunstoneConfig,
    'auth' | 'lang' | 'trusted_proxies' | 'oneflow_server' | 'private_fireedge_endpoint'
  >;
  /** Where failed logins are counted (the session store: memcached is shared by every server). */
  readonly counters: CounterStore;
  /** Clock in epoch ms (TOTP codes, limiter windows, user pool cache). */
  readonly now?: () => number;
}

type Json = { [key: string]: OneJsonValue };

function obj(v: OneJsonValue | undefined): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

function str(v: OneJsonValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A field of the form body, JSON body or query (Sinatra's merged `params`). */
function param(request: FastifyRequest, name: string): string | undefined {
  for (const source of [request.body, request.query]) {
    if (typeof source === 'object' && source !== null) {
      const v = (source as Record<string, unknown>)[name];
      if (typeof v === 'string') return v;
      if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    }
  }
  return undefined;
}

/** Session fields from the user document (reference §5.3): SUNSTONE/* settings win over defaults. */
export function sessionFields(doc: OneJson, defaultLang: string): SessionFields {
  const user = obj(doc.USER);
  const sunstone = obj(obj(user.TEMPLATE).SUNSTONE);
  const name = str(user.NAME) ?? '';
  return {
    user: name,
    user_id: str(user.ID) ?? '',
    user_gid: str(user.GID) ?? '',
    user_gname: str(user.GNAME) ?? '',
    display_name: str(sunstone.DISPLAY_NAME) ?? name,
    lang: str(sunstone.LANG) ?? defaultLang,
  };
}

/** Counter-store calls fail as the session store does: 503, never a refusal. */
async function storeCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (hasCode(err, 'SUN_ERR_SESSION_STORE')) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new SessionStoreError(`could not ${what} (${why}); check the store configured with :sessions`, {
      cause: err,
    });
  }
}

export async function loginRoutes(app: FastifyInstance, opts: LoginRoutesOptions): Promise<void> {
  const { oneClient, tokens, config } = opts;
  const now = opts.now ?? Date.now;
  const users = userKind();
  const strategy = createLoginStrategy(config.auth, {
    oneClient,
    serverSession: () => tokens.forServer(),
    now,
  });
  const limiter = new LoginLimiter({ counters: opts.counters, now });
  const federation = createFederationCache({ oneClient, serverSession: () => tokens.forServer(), now });
  const fireEdge =
    config.private_fireedge_endpoint === ''
      ? undefined
      : createFireEdgePool(config.private_fireedge_endpoint);
  if (fireEdge !== undefined) app.addHook('onClose', () => fireEdge.close());

  function answer(reply: FastifyReply, status: number, body = ''): FastifyReply {
    return reply.code(status).type(JSON_TYPE).send(body);
  }

  /** Why a request carried no credentials this mode accepts, for the log (never for the client). */
  function missingWhy(request: FastifyRequest): string {
    const peer = request.raw.socket.remoteAddress ?? 'unknown';
    const trusted = app.proxyTrust.trustsPeer(request.raw.socket.remoteAddress);
    if (config.auth === 'remote') {
      return trusted
        ? 'the proxy sent no REMOTE_USER / X-Auth-Username header'
        : `REMOTE_USER / X-Auth-Username are only taken from :trusted_proxies (${config.trusted_proxies.join(', ')}), not from ${peer}`;
    }
    if (config.auth === 'x509') {
      return trusted
        ? 'the proxy sent no usable SSL_CLIENT_CERT header'
        : `no verified TLS client certificate, and SSL_CLIENT_CERT is only taken from :trusted_proxies, not from ${peer}`;
    }
    return 'no Basic credentials';
  }

  async function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    attempt: LoginAttempt | null,
    body = '',
  ): Promise<FastifyReply> {
    try {
      await limiter.failed(request.ip, attempt?.claimed);
    } catch (err) {
      // The refusal stands either way; a store that cannot count cannot hold sessions either.
      request.log.warn({ err }, 'could not count a failed login');
    }
    return answer(reply, 401, body);
  }

  app.post('/login', async (request, reply) => {
    const attempt = strategy.attempt(loginRequestOf(request, app.proxyTrust));
    const wait = await storeCall('read the failed-login counters', () =>
      limiter.retryAfter(request.ip, attempt?.claimed),
    );
    if (wait > 0) {
      const err = new LoginLimitedError(wait);
      request.log.warn({ ip: request.ip, user: attempt?.claimed }, err.message);
      return reply.code(429).header('Retry-After', String(wait)).type(JSON_TYPE).send(errorJson(err.message));
    }
    if (attempt === null) {
      request.log.info(`Unauthorized login attempt (:auth ${config.auth}): ${missingWhy(request)}`);
      return refuse(request, reply, null);
    }

    let doc: OneJson;
    let name: string;
    let userSession: string;
    try {
      const identity = await attempt.verify();
      if (identity === null) {
        request.log.info(`User ${attempt.claimed} could not be authenticated`);
        return refuse(request, reply, attempt);
      }
      name = identity.user;
      userSession = tokens.sessionFor(tokenUserOf(identity));
      doc = await oneClient.info(userSession, users, -1);
    } catch (err) {
      request.log.error(
        { err },
        `login of ${attempt.claimed} failed: oned did not answer or refused the server token`,
      );
      return answer(reply, 500);
    }

    const fields = sessionFields(doc, config.lang);
    const factor = secondFactorOf(doc);
    if (factor.kind !== 'none') {
      const code = param(request, 'two_factor_auth_token') ?? '';
      if (code === '') {
        return answer(reply, 202, JSON.stringify({ code: 'two_factor_auth', uid: Number(fields.user_id) }));
      }
      if (factor.kind === 'security-keys') {
        request.log.warn(
          `User ${name} has WebAuthn security keys and no TOTP secret; this server cannot check keys, so ` +
            'the login is refused (an administrator can remove them: disable_two_factor_auth with delete_all)',
        );
        return refuse(request, reply, attempt, 'Two factor authentication failed');
      }
      const step = totpStepOf(factor.secret, code, now());
      if (step === null) {
        request.log.info(`User ${name} sent a wrong two-factor code`);
        return refuse(request, reply, attempt, 'Two factor authentication failed');
      }
      const first = await storeCall('record the two-factor code as used', () =>
        firstUseOfTotpStep(opts.counters, fields.user_id, step),
      );
      if (!first) {
        request.log.warn(`User ${name} sent a two-factor code that was already used to log in`);
        return refuse(request, reply, attempt, 'Two factor authentication failed');
      }
    }

    // Asked meanwhile: the FireEdge JWT for GET /auth_fireedge (never fails the login).
    const fireedge = loginFireEdgeFields(
      request,
      {
        endpoint: config.private_fireedge_endpoint,
        auth: config.auth,
        ...(fireEdge === undefined ? {} : { dispatcher: fireEdge }),
      },
      param(request, 'two_factor_auth_token') ?? '',
    );
    let zone: LoginZoneFields;
    try {
      zone = await loginZoneFields(doc, userSession, {
        oneClient,
        federation,
        oneflowServer: config.oneflow_server,
      });
    } catch (err) {
      // Sunstone's login answers 500 with the message when one.system.config or the zone fails.
      const why = err instanceof Error ? err.message : String(err);
      request.log.error({ err }, `login of ${name}: could not read the zone (${why})`);
      return answer(reply, 500, errorJson(why));
    }

    await storeCall('clear the failed-login counter', () => limiter.succeeded(attempt.claimed));
    const session = await app.sessions.start(
      request,
      reply,
      { ...fields, ...zone, ...(await fireedge) },
      param(request, 'remember') === 'true',
    );
    return reply.code(204).header('X-CSRF-Token', session.data.csrftoken).send();
  });
}
