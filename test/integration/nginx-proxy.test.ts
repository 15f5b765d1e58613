// The server under :base_path behind the shipped nginx configuration (config/nginx-load-balancer.conf,
// rendered with local ports): TLS ends at nginx, the client address and scheme arrive through
// X-Forwarded-* and are believed only from :trusted_proxies (issue #3 §3 and §5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { basic, buildTestApp, type TestApp } from '../helpers/app.js';
import { responseCookie, send, type ClientOptions } from '../helpers/http-client.js';
import { NGINX_BIN } from '../helpers/nginx.js';
import { startLoadBalancer } from '../helpers/nginx-load-balancer.js';
import { attachWebSocketEcho, webSocketRoundTrip } from '../helpers/ws-echo.js';

const skip = existsSync(NGINX_BIN) ? false : `${NGINX_BIN} is missing (apt-get install nginx)`;

/** The client connects from 127.0.0.3: a loopback address that is not in :trusted_proxies. */
const CLIENT_ADDRESS = '127.0.0.3';

interface Stack {
  readonly ta: TestApp;
  readonly cert: string;
  readonly https: string;
  readonly http: string;
  /** Connects from CLIENT_ADDRESS, trusts the test certificate. */
  readonly client: ClientOptions;
}

async function stack(t: Parameters<typeof buildTestApp>[0]): Promise<Stack> {
  // nginx connects to the backend from 127.0.0.1, the only trusted proxy.
  const ta = await buildTestApp(t, { config: { base_path: '/sunstone', trusted_proxies: ['127.0.0.1'] } });
  ta.app.get('/sunstone/__client', async (request) => ({
    ip: request.ip,
    protocol: request.protocol,
    host: request.host,
    underscored: request.headers['x_zone_name'] ?? null,
    forwarded: request.headers.forwarded ?? null,
  }));
  await ta.app.listen({ host: '127.0.0.1', port: 0 });
  attachWebSocketEcho(ta.app.server, '/sunstone/__ws');
  const addr = ta.app.server.address();
  if (addr === null || typeof addr !== 'object') throw new Error('backend not on TCP');
  const backend = `127.0.0.1:${addr.port}`;
  const { httpsPort, httpPort, cert } = await startLoadBalancer(t, [backend, backend]);
  return {
    ta,
    cert: cert.cert,
    https: `https://127.0.0.1:${httpsPort}`,
    http: `http://127.0.0.1:${httpPort}`,
    client: { ca: cert.cert, localAddress: CLIENT_ADDRESS },
  };
}

test(
  'behind nginx under /sunstone: redirects, login over HTTPS, Secure cookie scoped to the prefix',
  { skip },
  async (t) => {
    const s = await stack(t);
    const get = (url: string, headers: Record<string, string> = {}) => send(url, { headers }, s.client);

    const plain = await get(`${s.http}/sunstone/`);
    assert.equal(plain.status, 301);
    assert.match(String(plain.headers.location), /^https:\/\//);

    const root = await get(`${s.https}/`);
    assert.equal(root.status, 302);
    assert.match(String(root.headers.location), /\/sunstone\/$/);

    const bare = await get(`${s.https}/sunstone`);
    assert.equal(bare.status, 301);
    assert.match(String(bare.headers.location), /\/sunstone\/$/);

    const page = await get(`${s.https}/sunstone/`);
    assert.equal(page.status, 200);
    assert.match(page.body, /name="sunstone-base" content="\/sunstone"/);

    const login = await send(
      `${s.https}/sunstone/login`,
      {
        method: 'POST',
        headers: {
          authorization: basic('demo', 'demo'),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'remember=false',
      },
      s.client,
    );
    assert.equal(login.status, 204);
    const cookie = responseCookie(login, 'sunstone');
    assert.ok(cookie, 'login sets the session cookie');
    assert.match(cookie.line, /; Secure/, 'https at nginx makes the cookie Secure');
    assert.match(cookie.line, /; Path=\/sunstone(;|$)/);
    assert.match(cookie.line, /HttpOnly/);

    const vms = await get(`${s.https}/sunstone/vm`, {
      cookie: cookie.pair,
      'x-csrf-token': String(login.headers['x-csrf-token']),
    });
    assert.equal(vms.status, 200);
    assert.ok(Array.isArray((JSON.parse(vms.body) as { VM_POOL: { VM: unknown } }).VM_POOL.VM));

    const outside = await get(`${s.https}/vm`);
    assert.equal(outside.status, 404, 'nothing is served outside the prefix');
  },
);

test(
  'behind nginx: the client address and scheme come from nginx; what the client forges is not believed',
  { skip },
  async (t) => {
    const s = await stack(t);
    const res = await send(
      `${s.https}/sunstone/__client`,
      {
        headers: {
          'x-forwarded-for': '203.0.113.66',
          'x-forwarded-proto': 'http',
          forwarded: 'for=198.51.100.1;proto=http',
          x_zone_name: 'zone-b',
        },
      },
      s.client,
    );
    assert.equal(res.status, 200);
    const seen = JSON.parse(res.body) as Record<string, unknown>;
    // nginx appends the real peer to the forged list; the walk from the trusted nginx stops at it.
    assert.equal(seen.ip, CLIENT_ADDRESS);
    assert.equal(seen.protocol, 'https', "nginx's X-Forwarded-Proto replaces the client's");
    assert.match(String(seen.host), /^127\.0\.0\.1:\d+$/);
    assert.equal(seen.forwarded, null, "nginx drops the client's Forwarded header");
    assert.equal(seen.underscored, 'zone-b', 'headers with underscores pass (underscores_in_headers on)');
  },
);

test(
  'the same forged headers sent straight to the server from an untrusted address are ignored',
  { skip },
  async (t) => {
    const s = await stack(t);
    const addr = s.ta.app.server.address();
    if (addr === null || typeof addr !== 'object') throw new Error('backend not on TCP');
    const res = await send(
      `http://127.0.0.1:${addr.port}/sunstone/__client`,
      {
        headers: {
          'x-forwarded-for': '203.0.113.66',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'evil.example',
        },
      },
      { localAddress: CLIENT_ADDRESS },
    );
    const seen = JSON.parse(res.body) as Record<string, unknown>;
    assert.equal(seen.ip, CLIENT_ADDRESS);
    assert.equal(seen.protocol, 'http');
    assert.match(String(seen.host), /^127\.0\.0\.1:\d+$/);
  },
);

test('websockets pass through nginx under the prefix (ready for the VNC console)', { skip }, async (t) => {
  const s = await stack(t);
  const wss = s.https.replace(/^https:/, 'wss:');
  assert.equal(await webSocketRoundTrip(`${wss}/sunstone/__ws`, 'ping', { ca: s.cert }), 'ping');
});
