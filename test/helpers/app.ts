// buildTestApp(t, opts): the real thing, wired as `sunstone-server run` wires it, around a real
// oned simulator on a free loopback port: credentials file written, config loaded, server_cipher
// tokens, oned client, app. Everything is closed in t.after. A minimal index.html with the page
// placeholders stands in for the built UI, so these tests do not depend on `npm run build`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { readServerCredentials } from '../../src/auth/server-credentials.js';
import { ServerTokens } from '../../src/auth/server-tokens.js';
import { sessionSecret } from '../../src/config/derive-secret.js';
import { loadConfig } from '../../src/config/load.js';
import type { SunstoneConfig } from '../../src/config/types.js';
import { createOneClient } from '../../src/one/client.js';
import { startSimulator, type Simulator } from '../../src/oned-sim/main.js';
import type { OneFlowClientOptions } from '../../src/oneflow/client.js';
import type { SessionStore } from '../../src/session/store.js';
import type { VncServiceOptions } from '../../src/vnc/service.js';
import type { Memcached } from './memcached.js';
import { storeFor, type StoreKind } from './stores.js';

export const TEST_INDEX_HTML =
  '<!doctype html><meta name="sunstone-csrf" content="__SUNSTONE_CSRF__">' +
  '<meta name="sunstone-base" content="__SUNSTONE_BASE__"><div id="app"></div>\n';

export interface TestAppOptions {
  /** Settings over the defaults (as if written in sunstone-server.conf). */
  readonly config?: Partial<SunstoneConfig>;
  /** Clock for sessions (epoch ms). */
  readonly now?: () => number;
  /** Which session store (default memory; 'memcache' starts a real memcached). `sessionStore` wins. */
  readonly store?: StoreKind;
  /** With store 'memcache': use this memcached instead of starting one. */
  readonly memcached?: Memcached;
  readonly sessionStore?: SessionStore;
  /** VMs the simulator seeds (default 30). */
  readonly vms?: number;
  readonly seed?: number;
  /** Page size for vm/image pools (ONE_POOL_PAGE_SIZE). */
  readonly pageSize?: number;
  /** false: no index.html (the UI "not built"). */
  readonly withIndex?: boolean;
  /** VNC console options (the simulator's console resolver is always wired). */
  readonly vnc?: VncServiceOptions;
  readonly oneflow?: OneFlowClientOptions;
}

export interface LoggedIn {
  readonly cookie: string;
  readonly csrf: string;
  /** Cookie + X-CSRF-Token headers for app.inject. */
  readonly headers: Record<string, string>;
  readonly response: LightMyRequestResponse;
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly sim: Simulator;
  readonly config: SunstoneConfig;
  /** The app's public/ (index.html, assets/): tests may add files. */
  readonly publicDir: string;
  /** The memcached behind the sessions when `store: 'memcache'`. */
  readonly memcached?: Memcached;
  /** POST /login and return the session's cookie and token (asserts 204). */
  login(user: string, password: string, opts?: { remember?: boolean }): Promise<LoggedIn>;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** The `sunstone=...` pair of a response's Set-Cookie, or undefined. */
export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return all.find((c) => c.startsWith('sunstone='));
}

export async function buildTestApp(t: TestContext, opts: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'var', '.one'), { recursive: true });
  const publicDir = join(dir, 'public');
  mkdirSync(join(publicDir, 'assets'), { recursive: true });
  if (opts.withIndex !== false) writeFileSync(join(publicDir, 'index.html'), TEST_INDEX_HTML);

  const sim = await startSimulator({ port: 0, vms: opts.vms ?? 30, seed: opts.seed ?? 1, speed: 0 });
  t.after(() => sim.close());
  const authFile = join(dir, 'var', '.one', 'sunstone_auth');
  writeFileSync(authFile, `${sim.serverAdmin.user}:${sim.serverAdmin.password}\n`, { mode: 0o600 });

  const { config: loaded } = loadConfig({
    env: { ONE_LOCATION: dir, ONE_XMLRPC: sim.url },
    endpointFiles: [],
  });
  const config: SunstoneConfig = Object.freeze({ ...loaded, one_xmlrpc: sim.url, ...opts.config });
  const creds = readServerCredentials(config.paths.sunstoneAuth);
  const oneClient = createOneClient({
    endpoint: config.one_xmlrpc,
    timeoutMs: 5000,
    maxConnections: 8,
    pageSize: opts.pageSize ?? config.pool_page_size,
  });
  const made =
    opts.sessionStore === undefined && opts.store === 'memcache'
      ? await storeFor(t, 'memcache', opts.memcached ? { memcached: opts.memcached } : {})
      : undefined;
  const sessionStore = opts.sessionStore ?? made?.store;
  const app = await buildApp(config, {
    oneClient,
    tokens: new ServerTokens(creds, { expireDelta: config.expire_delta, expireMargin: config.expire_margin }),
    secret: sessionSecret(config, creds),
    publicDir,
    ...(sessionStore ? { sessionStore } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    // The simulator's VMs run on hosts that do not exist: their consoles are on loopback ports.
    vnc: { resolve: (host, port) => sim.consoles.resolve(host, port), ...opts.vnc },
    ...(opts.oneflow ? { oneflow: opts.oneflow } : {}),
  });
  t.after(() => app.close());

  async function login(user: string, password: string, o: { remember?: boolean } = {}): Promise<LoggedIn> {
    const response = await app.inject({
      method: 'POST',
      url: `${config.base_path}/login`,
      headers: { authorization: basic(user, password), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `remember=${o.remember === true ? 'true' : 'false'}`,
    });
    assert.equal(response.statusCode, 204, `login of ${user}: ${response.body}`);
    const cookie = sessionCookie(response)?.split(';')[0];
    const csrf = response.headers['x-csrf-token'];
    assert.ok(cookie, 'login sets the sunstone cookie');
    assert.ok(typeof csrf === 'string', 'login returns X-CSRF-Token');
    return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf }, response };
  }

  return { app, sim, config, publicDir, login, ...(made?.memcached ? { memcached: made.memcached } : {}) };
}
