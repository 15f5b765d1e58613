// The server behind Apache httpd, with the shipped files of config/ rendered with local values
// (issue #3 §3): as a reverse proxy (mod_proxy, TLS, sub-path), and inside Apache with Phusion
// Passenger, which starts the server itself from passenger.cjs.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/oned-sim/main.js';
import { APACHE_BIN, PASSENGER_MODULE, startApache, UNPRIVILEGED } from '../helpers/apache.js';
import { basic, buildTestApp } from '../helpers/app.js';
import { responseCookie, send, type ClientResponse } from '../helpers/http-client.js';
import { freePort } from '../helpers/memcached.js';
import { preparePassengerApp } from '../helpers/passenger-app.js';
import { makeCertificate, type TestCertificate } from '../helpers/tls.js';
import { sleep } from '../helpers/wait-port.js';
import { attachWebSocketEcho, webSocketRoundTrip } from '../helpers/ws-echo.js';

const noApache = existsSync(APACHE_BIN) ? false : `${APACHE_BIN} is missing (apt-get install apache2)`;
const noPassenger =
  noApache ||
  (existsSync(PASSENGER_MODULE)
    ? false
    : `${PASSENGER_MODULE} is missing (apt-get install libapache2-mod-passenger)`);

/** A loopback address outside :trusted_proxies, for the client. */
const CLIENT_ADDRESS = '127.0.0.3';
/** Passenger may take a while to start Node the first time: the bound, not an expectation. */
const PASSENGER_START_MS = 90_000;

function login(
  url: string,
  opts: { ca?: string; localAddress?: string } = {},
  headers: Record<string, string> = {},
): Promise<ClientResponse> {
  return send(
    url,
    {
      method: 'POST',
      headers: {
        authorization: basic('demo', 'demo'),
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body: 'remember=false',
    },
    opts,
  );
}

test(
  'behind Apache as a reverse proxy (config/apache-reverse-proxy.conf): TLS, /sunstone, login, client address',
  { skip: noApache },
  async (t) => {
    const ta = await buildTestApp(t, { config: { base_path: '/sunstone', trusted_proxies: ['127.0.0.1'] } });
    ta.app.get('/sunstone/__client', async (request) => ({
      ip: request.ip,
      protocol: request.protocol,
      forwarded: request.headers.forwarded ?? null,
    }));
    await ta.app.listen({ host: '127.0.0.1', port: 0 });
    attachWebSocketEcho(ta.app.server, '/sunstone/__ws');
    const addr = ta.app.server.address();
    if (addr === null || typeof addr !== 'object') throw new Error('backend not on TCP');
    const port = await freePort();
    let cert: TestCertificate | undefined;
    await startApache(t, {
      site: 'apache-reverse-proxy.conf',
      modules: [
        'alias',
        'headers',
        'mime',
        'setenvif',
        'socache_shmcb',
        'ssl',
        'proxy',
        'proxy_http',
        'proxy_wstunnel',
      ],
      ports: [port],
      values: (dir) => {
        cert = makeCertificate(dir);
        return {
          VHOST: `127.0.0.1:${port}`,
          SERVER_NAME: 'localhost',
          TLS_CERT: cert.certFile,
          TLS_KEY: cert.keyFile,
          BASE_PATH: '/sunstone',
          BACKEND: `127.0.0.1:${addr.port}`,
        };
      },
    });
    if (cert === undefined) throw new Error('no certificate');
    const base = `https://127.0.0.1:${port}`;
    const client = { ca: cert.cert, localAddress: CLIENT_ADDRESS };

    const root = await send(`${base}/`, {}, client);
    assert.equal(root.status, 302);
    assert.match(String(root.headers.location), /\/sunstone\/$/);
    const bare = await send(`${base}/sunstone`, {}, client);
    assert.equal(bare.status, 301);
    assert.match(String(bare.headers.location), /\/sunstone\/$/);

    const res = await login(`${base}/sunstone/login`, client);
    assert.equal(res.status, 204, res.body);
    const cookie = responseCookie(res, 'sunstone');
    assert.ok(cookie);
    assert.match(cookie.line, /; Secure/);
    assert.match(cookie.line, /; Path=\/sunstone(;|$)/);
    const vms = await send(
      `${base}/sunstone/vm`,
      { headers: { cookie: cookie.pair, 'x-csrf-token': String(res.headers['x-csrf-token']) } },
      client,
    );
    assert.equal(vms.status, 200);

    const seen = await send(
      `${base}/sunstone/__client`,
      { headers: { 'x-forwarded-for': '203.0.113.66', forwarded: 'for=198.51.100.1;proto=http' } },
      client,
    );
    assert.deepEqual(JSON.parse(seen.body), { ip: CLIENT_ADDRESS, protocol: 'https', forwarded: null });

    // Websockets pass on the same path (upgrade=websocket), as the VNC console will need.
    assert.equal(
      await webSocketRoundTrip(`wss://127.0.0.1:${port}/sunstone/__ws`, 'ping', { ca: cert.cert }),
      'ping',
    );
  },
);

/** Gives the tree to the unprivileged user Passenger runs the server as (when we are root). */
function giveTo(dir: string): void {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', UNPRIVILEGED.user], { encoding: 'utf8' }).trim());
  const gid = Number(
    execFileSync('getent', ['group', UNPRIVILEGED.group], { encoding: 'utf8' }).split(':')[2],
  );
  const walk = (p: string): void => {
    chownSync(p, uid, gid);
    if (statSync(p).isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  walk(dir);
}

test(
  'inside Apache with Phusion Passenger (config/apache-passenger.conf): Passenger starts the server, login works',
  { skip: noPassenger },
  async (t) => {
    const sim = await startSimulator({ port: 0, vms: 10, seed: 1, speed: 0 });
    t.after(() => sim.close());
    // A self-contained OpenNebula layout for the server: etc/sunstone-server.conf, var/.one/sunstone_auth.
    const one = mkdtempSync(join(tmpdir(), 'sunstone-one-'));
    t.after(() => rmSync(one, { recursive: true, force: true }));
    chmodSync(one, 0o755);
    mkdirSync(join(one, 'etc'));
    mkdirSync(join(one, 'var', '.one'), { recursive: true });
    writeFileSync(
      join(one, 'etc', 'sunstone-server.conf'),
      // Apache reaches the server over Passenger's socket; the client comes from 127.0.0.3, which is
      // no trusted proxy, so its forged X-Forwarded-For must not be believed.
      [
        `:one_xmlrpc: ${sim.url}`,
        ':trusted_proxies: [127.0.0.1]',
        ':workers: 2',
        ':log:',
        '  :level: 2',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(one, 'var', '.one', 'sunstone_auth'),
      `${sim.serverAdmin.user}:${sim.serverAdmin.password}\n`,
      {
        mode: 0o600,
      },
    );
    giveTo(one);

    const appRoot = await preparePassengerApp(t);
    const port = await freePort();
    const apache = await startApache(t, {
      site: 'apache-passenger.conf',
      modules: ['alias', 'env', 'passenger'],
      ports: [port],
      values: () => ({
        VHOST: `127.0.0.1:${port}`,
        SERVER_NAME: '127.0.0.1',
        APP_ROOT: appRoot,
        NODE: process.execPath,
        USER: UNPRIVILEGED.user,
        GROUP: UNPRIVILEGED.group,
        ONE_LOCATION: one,
        PRESTART_URL: `http://127.0.0.1:${port}/`,
      }),
    });
    const base = `http://127.0.0.1:${port}`;
    const client = { localAddress: CLIENT_ADDRESS };

    // Passenger answers once it has started the server (or says why it could not): bounded wait.
    let first: ClientResponse | undefined;
    const deadline = Date.now() + PASSENGER_START_MS;
    while (Date.now() < deadline) {
      first = await login(`${base}/login`, client, { 'x-forwarded-for': '203.0.113.66' }).catch(
        () => undefined,
      );
      if (first !== undefined && first.status !== 503 && first.status !== 502) break;
      await sleep(250);
    }
    assert.equal(
      first?.status,
      204,
      `login through Apache + Passenger: ${first?.status} ${first?.body}\n${apache.errorLog()}`,
    );
    const cookie = responseCookie(first, 'sunstone');
    assert.ok(cookie);
    const session = { cookie: cookie.pair, 'x-csrf-token': String(first.headers['x-csrf-token']) };

    const vms = await send(`${base}/vm`, { headers: session }, client);
    assert.equal(vms.status, 200);
    assert.match(String(vms.headers['x-powered-by']), /Phusion Passenger/, 'served through Passenger');

    // The page is made by the server (CSRF token filled in), never public/index.html sent as a file.
    const page = await send(`${base}/`, { headers: { cookie: cookie.pair } }, client);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`name="sunstone-csrf" content="${session['x-csrf-token']}"`));
    assert.equal((await send(`${base}/index.html`, {}, client)).status === 200, false);
    const asset = await send(`${base}/assets/app.js`, {}, client);
    assert.equal(asset.status, 200);
    assert.match(asset.body, /sunstone/);

    const log = apache.errorLog();
    assert.match(log, /running under Phusion Passenger/);
    assert.match(log, /:workers is 2 .*ignored under Passenger/);
    // The client address is the one Apache saw (appended to X-Forwarded-For), not the forged one.
    assert.match(
      log,
      new RegExp(`"url":"/login".*"remoteAddress":"${CLIENT_ADDRESS.replaceAll('.', '\\.')}"`),
    );
    assert.doesNotMatch(log, /"remoteAddress":"203\.0\.113\.66"/);
  },
);
