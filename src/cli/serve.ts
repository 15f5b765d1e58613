// Starts one HTTP server from a loaded configuration: reads sunstone_auth, builds the token cache,
// the oned client and the app, and listens on :host/:port. Shared by `run` and `demo`.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../app.js';
import { readServerCredentials } from '../auth/server-credentials.js';
import { ServerTokens } from '../auth/server-tokens.js';
import { sessionSecret } from '../config/derive-secret.js';
import type { SunstoneConfig } from '../config/types.js';
import { SunstoneError } from '../errors.js';
import { createOneClient } from '../one/client.js';
import { createSessionStore, logStoreHealth } from '../session/store-from-config.js';
import type { VncTargetResolver } from '../vnc/gateway.js';
import { startVncProxy } from './vnc-proxy.js';

/** Turns the usual listen failures into a message that says what to change. */
function listenError(err: unknown, config: SunstoneConfig): unknown {
  const code = (err as { code?: string }).code;
  const where = `${config.host}:${config.port}`;
  const from = config.source ? ` (:host/:port in ${config.source})` : '';
  if (code === 'EADDRINUSE') {
    return new SunstoneError(
      'SUN_ERR_CLI_LISTEN',
      `cannot listen on ${where}${from}: the port is already in use; stop the other server (Ruby Sunstone?) or choose another :port / --port`,
      { cause: err },
    );
  }
  if (code === 'EACCES') {
    return new SunstoneError(
      'SUN_ERR_CLI_LISTEN',
      `cannot listen on ${where}${from}: permission denied; ports below 1024 need root or CAP_NET_BIND_SERVICE, or use a port above 1024`,
      { cause: err },
    );
  }
  if (code === 'EADDRNOTAVAIL') {
    return new SunstoneError(
      'SUN_ERR_CLI_LISTEN',
      `cannot listen on ${where}${from}: ${config.host} is not an address of this machine; use 0.0.0.0 or one of its addresses`,
      { cause: err },
    );
  }
  return err;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** http://HOST:PORT of the listening socket. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Settings the file may hold that this version cannot honour yet: refuse to start rather than
 * misbehave. The cluster primary asks too, before it forks (and again on SIGHUP).
 */
export function unsupportedSettings(config: SunstoneConfig): string[] {
  const where = config.source ?? 'the configuration';
  const out: string[] = [];
  if (config.core_auth !== 'cipher') {
    out.push(`:core_auth is ${config.core_auth} in ${where}; this version supports :core_auth: cipher only`);
  }
  return out;
}

export interface ServeOptions {
  /** Every connection comes from a proxy that owns the socket (Phusion Passenger): see AppDeps. */
  readonly peerIsProxy?: boolean;
  /** Where VMs' VNC servers really are (the demo's simulator); default: their host:port. */
  readonly vncTargets?: VncTargetResolver;
}

export async function serve(
  config: SunstoneConfig,
  logger: Logger,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const missing = unsupportedSettings(config);
  if (missing.length > 0) throw new SunstoneError('SUN_ERR_CLI_UNSUPPORTED', missing.join('\n'));
  const creds = readServerCredentials(config.paths.sunstoneAuth);
  for (const w of creds.warnings) logger.warn(w);
  const tokens = new ServerTokens(creds, {
    expireDelta: config.expire_delta,
    expireMargin: config.expire_margin,
  });
  const oneClient = createOneClient({
    endpoint: config.one_xmlrpc,
    timeoutMs: config.one_xmlrpc_timeout * 1000,
    maxConnections: config.one_xmlrpc_max_connections,
    pageSize: config.pool_page_size,
    configFile: config.source,
  });
  // :sessions: memory or memcache(-dalli). memcached down does not stop the start: it is logged,
  // logins answer 503 until it is back, and the readiness endpoint reports it.
  const sessionStore = createSessionStore(config);
  await logStoreHealth(sessionStore, logger);
  const app = await buildApp(config, {
    oneClient,
    tokens,
    secret: sessionSecret(config, creds),
    sessionStore,
    logger,
    ...(options.peerIsProxy === true ? { peerIsProxy: true } : {}),
    ...(options.vncTargets ? { vnc: { resolve: options.vncTargets } } : {}),
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app.close();
    throw listenError(err, config);
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const vncProxy = await startVncProxy(app.vnc, config, logger);
  const close = async (): Promise<void> => {
    await app.close();
    await vncProxy?.close();
  };
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, close };
}
