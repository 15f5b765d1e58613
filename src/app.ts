// buildApp(config, deps): the whole HTTP application, not listening (the config.ru analogue): the CLI
// listens, tests inject, Passenger mounts. Everything is registered explicitly, in this order:
//   gzip (Rack::Deflater) and body parsers -> cookies -> static assets (no session, no CSRF, as
//   Sinatra serves public/ before its filters) -> under :base_path: sessions, the public pages
//   (/, /login, /version), then the API subtree guarded by session + CSRF. /health and /ready sit
//   under :base_path too, outside the session scope.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { isCounterStore } from './auth/login-limiter.js';
import type { SunstoneConfig } from './config/types.js';
import { adoptForwardedHeader } from './http/forwarded-headers.js';
import { compileProxyTrust, type ProxyTrust } from './http/proxy-trust.js';
import type { OneClient } from './one/types.js';
import { actionRoutes } from './routes/actions.js';
import { createRoutes } from './routes/create.js';
import { deleteRoutes } from './routes/delete.js';
import { basePathRoutes } from './routes/base-path.js';
import type { UserTokens } from './routes/deps.js';
import { installDrain } from './routes/drain.js';
import { installErrorHandling } from './routes/error-handler.js';
import { healthRoutes } from './routes/health.js';
import { parseFormBody } from './routes/form-body.js';
import { JSON_TYPE } from './routes/json-reply.js';
import { loginRoutes } from './routes/login.js';
import { logoutRoutes } from './routes/logout.js';
import { twoFactorQrRoutes } from './routes/two-factor-qr.js';
import { resourceRoutes } from './routes/resources.js';
import { templateRoutes } from './routes/template.js';
import { uiRoutes } from './routes/ui.js';
import { userConfigRoutes } from './routes/user-config.js';
import { versionRoutes } from './routes/version.js';
import { accountingRoutes } from './routes/accounting.js';
import { infrastructureRoutes } from './routes/infrastructure.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { uploadChunkRoutes } from './routes/upload-chunk.js';
import { uploadRoutes } from './routes/upload.js';
import { usageMonitorRoutes } from './routes/usage-monitor.js';
import { userSettingsRoutes } from './routes/user-settings.js';
import { vmLogRoutes } from './routes/vm-log.js';
import { zoneSwitch } from './routes/zones.js';
import { oneflowRoutes } from './routes/oneflow.js';
import { startVncRoutes } from './routes/startvnc.js';
import { websockifyRoutes } from './routes/websockify.js';
import { authFireEdgeRoutes } from './routes/auth-fireedge.js';
import { consolePageRoutes } from './routes/console-pages.js';
import { externalServiceRoutes } from './routes/external-services.js';
import { guacRoutes } from './routes/guac.js';
import { marketDownloadRoutes } from './routes/marketplace-download.js';
import { marketImportRoutes } from './routes/marketplace-import.js';
import { ovmfUefisRoutes } from './routes/ovmf-uefis.js';
import { startVmrcRoutes } from './routes/startvmrc.js';
import { webauthnLoginRoutes, webauthnRoutes } from './routes/webauthn.js';
import { OneFlowClient, type OneFlowClientOptions } from './oneflow/client.js';
import { MemoryTickets } from './session/memory-tickets.js';
import { createVncService, type VncService, type VncServiceOptions } from './vnc/service.js';
import { UploadStore } from './upload/store.js';
import type { RandomBytes } from './session/cookie.js';
import { MemoryStore } from './session/memory-store.js';
import { protect, sessions } from './session/plugin.js';
import { MemoryCounters } from './session/memory-counters.js';
import { isTicketStore, type CounterStore, type SessionStore } from './session/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The oned client every route calls through (one per app, bounded connection pool). */
    readonly oneClient: OneClient;
    /** :trusted_proxies, compiled: who may set the client address (e.g. REMOTE_USER, client certs). */
    readonly proxyTrust: ProxyTrust;
    /** VNC tokens and gateway, for the :vnc_proxy_port listener the CLI starts beside the app. */
    readonly vnc: VncService;
  }
}

export interface AppDeps {
  readonly oneClient: OneClient;
  /** server_cipher tokens for users (src/auth ServerTokens). */
  readonly tokens: UserTokens;
  /** Signs session cookies: :session_secret, or derived from sunstone_auth (src/auth sessionSecret). */
  readonly secret: Buffer;
  /** Default: a bounded in-memory store (`:sessions: memory`). */
  readonly sessionStore?: SessionStore;
  /** Failed-login counters; default: the session store when it keeps counters (both stores do). */
  readonly loginCounters?: CounterStore;
  /** Clock in epoch ms (session expiry). */
  readonly now?: () => number;
  readonly random?: RandomBytes;
  /** A pino logger; default: no logging. */
  readonly logger?: FastifyBaseLogger;
  /** Where the built UI is (index.html, assets/); default: public/ of this package. */
  readonly publicDir?: string;
  /** The socket peer is always a proxy (Phusion Passenger's socket): trust it as :trusted_proxies would. */
  readonly peerIsProxy?: boolean;
  /** VNC console limits, token lifetime, and where VMs' VNC servers really are (the simulator's resolver). */
  readonly vnc?: VncServiceOptions;
  /** OneFlow proxy timeouts and limits (:proxy/:no_proxy come from the configuration). */
  readonly oneflow?: OneFlowClientOptions;
}

/** public/ beside package.json, whether we run from src/ (tsx) or dist/src/ (compiled). */
export function defaultPublicDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'public');
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
}

/** Paths that Sunstone serves without a session (reference §2.1 step 3); their routes live outside protect(). */
export const PUBLIC_PATHS = ['/', '/login', '/version'] as const;

export async function buildApp(config: SunstoneConfig, deps: AppDeps): Promise<FastifyInstance> {
  const store = deps.sessionStore ?? new MemoryStore({ ...(deps.now ? { now: deps.now } : {}) });
  // Failed logins are counted where the sessions live: in memcached every server sees the counts.
  const loginCounters =
    deps.loginCounters ?? (isCounterStore(store) ? store : new MemoryCounters(100_000, deps.now ?? Date.now));
  const clock = deps.now ? { now: deps.now } : {};
  const publicDir = deps.publicDir ?? defaultPublicDir();
  // Uploads live in :tmpdir only (no per-process state): any server sharing it can finish one.
  const uploads = new UploadStore({ tmpdir: config.tmpdir, maxFileSize: config.max_upload_file_size });
  const base = config.base_path;
  const proxyTrust = compileProxyTrust(config.trusted_proxies, { peerIsProxy: deps.peerIsProxy === true });
  // Console tokens live where the sessions do, so any server sharing the store can open them.
  const tickets = isTicketStore(store) ? store : new MemoryTickets(10_000, deps.now ?? Date.now);
  const vnc = createVncService(tickets, deps.vnc, {
    ...clock,
    ...(deps.random ? { random: deps.random } : {}),
  });
  const oneflow = new OneFlowClient({ proxy: config.proxy, noProxy: config.no_proxy, ...deps.oneflow });

  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // X-Forwarded-* only from :trusted_proxies (design.md, deliberate differences).
    trustProxy: proxyTrust.fastifyTrust,
    // The earliest point that sees every request (before the request log): RFC 7239 Forwarded
    // from a trusted proxy becomes X-Forwarded-*, which Fastify understands. The URL is unchanged.
    rewriteUrl(req) {
      adoptForwardedHeader(req, proxyTrust);
      return req.url ?? '/';
    },
    // While stopping (SIGTERM, rolling restart) a request that arrives on a kept-alive connection is
    // still served, with `Connection: close`, instead of a 503: a graceful stop fails no request.
    return503OnClosing: false,
  }) as unknown as FastifyInstance;

  app.decorate('oneClient', {
    getter() {
      return deps.oneClient;
    },
  });
  app.decorate('proxyTrust', {
    getter() {
      return proxyTrust;
    },
  });
  app.decorate('vnc', {
    getter() {
      return vnc;
    },
  });
  // Open consoles are told the server is going away (1001) before the HTTP server waits for its sockets.
  app.addHook('preClose', async () => {
    await vnc.gateway.close();
  });
  app.addHook('onClose', async () => {
    await Promise.allSettled([deps.oneClient.close(), store.close(), oneflow.close()]);
  });
  installErrorHandling(app);
  installDrain(app);

  await app.register(compress, { global: true, encodings: ['gzip'] });
  await app.register(formbody, { parser: parseFormBody });
  await app.register(cookie);
  await app.register(fastifyStatic, {
    root: join(publicDir, 'assets'),
    prefix: `${base}/assets/`,
    decorateReply: false,
  });

  // Load balancer probes: no session, no CSRF, no cookie parsing beyond what Fastify does.
  await app.register(healthRoutes, {
    prefix: base,
    oneClient: deps.oneClient,
    serverSession: () => deps.tokens.forServer(),
    store,
    ...(deps.now ? { now: deps.now } : {}),
  });

  await app.register(
    async (site) => {
      site.addHook('onRequest', async (_request, reply) => {
        reply.header('Cache-Control', 'no-store').type(JSON_TYPE);
      });
      await site.register(sessions, {
        store,
        secret: deps.secret,
        expireTime: config.session_expire_time,
        basePath: base,
        bindIp: config.session_bind_ip,
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.random ? { random: deps.random } : {}),
      });
      const one = { oneClient: deps.oneClient, tokens: deps.tokens };
      // Site-wide: Sunstone's ZONENAME switch runs even on the CSRF-exempt paths (GET /, §2.1 step 4);
      // a preHandler, so on protected routes the session and CSRF checks still come first.
      await site.register(zoneSwitch, { ...one, oneflowServer: config.oneflow_server });
      await site.register(uiRoutes, {
        publicDir,
        basePath: base,
        login: { auth: config.auth, keepMeLogged: config.keep_me_logged },
      });
      await site.register(versionRoutes);
      await site.register(webauthnLoginRoutes);
      await site.register(consolePageRoutes, { basePath: base, fireedge: config.public_fireedge_endpoint });
      await site.register(loginRoutes, { ...one, config, counters: loginCounters, ...clock });

      // Outside protect(): a websocket carries no CSRF token; its VNC token (from startvnc) is the proof.
      await site.register(websockifyRoutes, { basePath: base, vncTokens: vnc.tokens, gateway: vnc.gateway });
      // Outside protect(): Sunstone's resumable.js sends csrftoken as a form field, checked there.
      await site.register(uploadChunkRoutes, { store: uploads, maxFileSize: config.max_upload_file_size });

      await site.register(async (api) => {
        protect(api);
        await api.register(logoutRoutes);
        await api.register(userConfigRoutes, { config });
        await api.register(resourceRoutes, { ...one, extendedVmPool: config.get_extended_vm_info });
        await api.register(actionRoutes, { ...one, ...clock });
        await api.register(twoFactorQrRoutes, { config });
        await api.register(templateRoutes, one);
        await api.register(createRoutes, one);
        await api.register(deleteRoutes, one);
        await api.register(vmLogRoutes, { ...one, paths: config.paths });
        await api.register(monitoringRoutes, one);
        await api.register(usageMonitorRoutes, one);
        await api.register(accountingRoutes, one);
        await api.register(infrastructureRoutes, one);
        await api.register(userSettingsRoutes, one);
        await api.register(uploadRoutes, { ...one, store: uploads });
        await api.register(startVncRoutes, { ...one, vncTokens: vnc.tokens });
        await api.register(guacRoutes, { ...one, varDir: config.paths.var });
        await api.register(startVmrcRoutes, one);
        await api.register(marketDownloadRoutes, { ...one, varDir: config.paths.var });
        await api.register(marketImportRoutes, one);
        await api.register(ovmfUefisRoutes, { etc: config.paths.etc });
        await api.register(webauthnRoutes);
        await api.register(authFireEdgeRoutes);
        await api.register(externalServiceRoutes, { routes: config.routes });
        if (config.routes.includes('oneflow')) {
          await api.register(oneflowRoutes, {
            tokens: deps.tokens,
            client: oneflow,
            oneflowServer: config.oneflow_server,
          });
        }
      });
    },
    { prefix: base },
  );
  if (base !== '') await app.register(basePathRoutes, { basePath: base });
  return app;
}
