// The :vnc_proxy_port listener and the gateway behind it, over real loopback sockets: a websocket
// client (the ws package, as noVNC would) completes the RFB handshake with the simulator's RFB
// server through the proxy; bad, used and expired tokens, busy and unreachable consoles are
// answered with Sunstone's error JSON before any upgrade; ws and wss share the port with `yes`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { serveRfb } from '../../../src/oned-sim/rfb-server.js';
import { MemoryStore } from '../../../src/session/memory-store.js';
import { VncGateway, type VncGatewayOptions } from '../../../src/vnc/gateway.js';
import { startVncListener, type VncListenerOptions } from '../../../src/vnc/listener.js';
import { VncTokens } from '../../../src/vnc/tokens.js';
import { openConsole } from '../../helpers/console-ws.js';
import { listenLoopback } from '../../helpers/loopback-server.js';
import { rfbHandshake } from '../../helpers/rfb-client.js';
import { makeCertificate } from '../../helpers/tls.js';

const GRANT = { user: 'demo', vm: 3, host: 'node01', port: 5903 };
const quiet = { info: () => undefined, warn: () => undefined };

async function fakeVnc(t: TestContext): Promise<number> {
  return listenLoopback(
    t,
    createServer((s) => serveRfb(s, 'vm-three')),
  );
}

interface Setup {
  readonly url: string;
  readonly tokens: VncTokens;
  readonly gateway: VncGateway;
  readonly clock: { now: number };
}

async function setup(
  t: TestContext,
  o: { gateway?: VncGatewayOptions; listener?: Partial<VncListenerOptions> } = {},
): Promise<Setup> {
  const vncPort = await fakeVnc(t);
  const clock = { now: 1_700_000_000_000 };
  const store = new MemoryStore({ now: () => clock.now });
  const tokens = new VncTokens({ store, now: () => clock.now });
  const gateway = new VncGateway({
    resolve: async (host, port) =>
      host === GRANT.host && port === GRANT.port ? { host: '127.0.0.1', port: vncPort } : null,
    ...o.gateway,
  });
  const listener = await startVncListener({
    host: '127.0.0.1',
    port: 0,
    wss: 'no',
    tokens,
    gateway,
    log: quiet,
    ...o.listener,
  });
  t.after(async () => {
    await gateway.close();
    await listener.close();
  });
  return { url: `${listener.secure ? 'wss' : 'ws'}://127.0.0.1:${listener.port}`, tokens, gateway, clock };
}

test('a token opens the console: RFB handshake with the VM through the proxy', async (t) => {
  const s = await setup(t);
  const token = await s.tokens.issue(GRANT);
  const { ws, io } = await openConsole(`${s.url}/?token=${token}`);
  t.after(() => ws.terminate());
  assert.equal(ws.protocol, 'binary');
  const init = await rfbHandshake(io);
  assert.equal(init.name, 'vm-three');
  assert.equal(s.gateway.active, 1);
});

test('any path works, as with websockify (/websockify, /)', async (t) => {
  const s = await setup(t);
  const { ws, io } = await openConsole(`${s.url}/websockify?token=${await s.tokens.issue(GRANT)}`);
  t.after(() => ws.terminate());
  assert.equal((await rfbHandshake(io)).name, 'vm-three');
});

test('a used, unknown, expired or missing token is refused before the upgrade', async (t) => {
  const s = await setup(t);
  const token = await s.tokens.issue(GRANT);
  (await openConsole(`${s.url}/?token=${token}`)).ws.terminate();
  await assert.rejects(openConsole(`${s.url}/?token=${token}`), { status: 403 });
  await assert.rejects(openConsole(`${s.url}/?token=${'ab'.repeat(16)}`), { status: 403 });
  await assert.rejects(openConsole(`${s.url}/`), (err: { status: number; body: string }) => {
    assert.equal(err.status, 400);
    assert.match(JSON.parse(err.body).error.message, /No VNC token/);
    return true;
  });
  const late = await s.tokens.issue(GRANT);
  s.clock.now += 61_000;
  await assert.rejects(openConsole(`${s.url}/?token=${late}`), (err: { status: number; body: string }) => {
    assert.equal(err.status, 403);
    assert.match(JSON.parse(err.body).error.message, /expired/);
    return true;
  });
});

test('the old base64 subprotocol: text frames both ways', async (t) => {
  const s = await setup(t);
  const frames: Buffer[] = [];
  let arrived: () => void = () => undefined;
  const ws = new WebSocket(`${s.url}/?token=${await s.tokens.issue(GRANT)}`, ['base64']);
  t.after(() => ws.terminate());
  ws.on('message', (data: Buffer, binary: boolean) => {
    assert.equal(binary, false, 'base64 comes in text frames');
    frames.push(Buffer.from(data.toString('latin1'), 'base64'));
    arrived();
  });
  const next = async (): Promise<Buffer> => {
    while (frames.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
    return frames.shift() as Buffer;
  };
  await new Promise((resolve) => ws.once('open', resolve));
  assert.equal(ws.protocol, 'base64');
  assert.equal((await next()).toString('latin1'), 'RFB 003.008\n');
  ws.send(Buffer.from('RFB 003.008\n').toString('base64'));
  assert.deepEqual([...(await next())], [1, 1], 'security types: None');
});

test('a VM whose VNC server cannot be reached: 502 naming host:port', async (t) => {
  const s = await setup(t);
  const token = await s.tokens.issue({ ...GRANT, port: 5999 });
  await assert.rejects(openConsole(`${s.url}/?token=${token}`), (err: { status: number; body: string }) => {
    assert.equal(err.status, 502);
    assert.match(JSON.parse(err.body).error.message, /VM 3 at node01:5999/);
    return true;
  });
  assert.equal(s.gateway.active, 0, 'the slot was given back');
});

test('bounded: beyond maxConnections a console is refused with 503, and a closed one frees its slot', async (t) => {
  const s = await setup(t, { gateway: { maxConnections: 1 } });
  const { ws } = await openConsole(`${s.url}/?token=${await s.tokens.issue(GRANT)}`);
  await assert.rejects(openConsole(`${s.url}/?token=${await s.tokens.issue(GRANT)}`), { status: 503 });
  const closed = new Promise((resolve) => ws.once('close', resolve));
  ws.close();
  await closed;
  while (s.gateway.active > 0) await new Promise((r) => setImmediate(r));
  (await openConsole(`${s.url}/?token=${await s.tokens.issue(GRANT)}`)).ws.terminate();
});

test('a plain HTTP request is told to use a websocket (426)', async (t) => {
  const s = await setup(t);
  const res = await fetch(s.url.replace('ws:', 'http:') + '/');
  assert.equal(res.status, 426);
  assert.match(((await res.json()) as { error: { message: string } }).error.message, /WebSocket/);
});

test('closing the gateway ends open consoles with 1001 going away', async (t) => {
  const s = await setup(t);
  const { ws } = await openConsole(`${s.url}/?token=${await s.tokens.issue(GRANT)}`);
  const code = new Promise<number>((resolve) => ws.once('close', (c: number) => resolve(c)));
  await s.gateway.close();
  assert.equal(await code, 1001);
  await assert.rejects(openConsole(`${s.url}/?token=${await s.tokens.issue(GRANT)}`), { status: 503 });
});

function certificate(t: TestContext): { cert: Buffer; key: Buffer; ca: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vnc-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const c = makeCertificate(dir);
  return { cert: readFileSync(c.certFile), key: readFileSync(c.keyFile), ca: c.cert };
}

test(':vnc_proxy_support_wss yes: wss and ws on the same port', async (t) => {
  const { cert, key, ca } = certificate(t);
  const s = await setup(t, { listener: { wss: 'yes', tls: { cert, key } } });
  assert.match(s.url, /^wss:/);
  const secure = await openConsole(`${s.url}/?token=${await s.tokens.issue(GRANT)}`, { ca });
  t.after(() => secure.ws.terminate());
  assert.equal((await rfbHandshake(secure.io)).name, 'vm-three');
  const plain = await openConsole(`${s.url.replace('wss:', 'ws:')}/?token=${await s.tokens.issue(GRANT)}`);
  t.after(() => plain.ws.terminate());
  assert.equal((await rfbHandshake(plain.io)).name, 'vm-three');
});

test(':vnc_proxy_support_wss only: plain ws is refused; only without a certificate does not start', async (t) => {
  const { cert, key, ca } = certificate(t);
  const s = await setup(t, { listener: { wss: 'only', tls: { cert, key } } });
  (await openConsole(`${s.url}/?token=${await s.tokens.issue(GRANT)}`, { ca })).ws.terminate();
  await assert.rejects(openConsole(`${s.url.replace('wss:', 'ws:')}/?token=${await s.tokens.issue(GRANT)}`));
  await assert.rejects(
    startVncListener({
      host: '127.0.0.1',
      port: 0,
      wss: 'only',
      tokens: s.tokens,
      gateway: s.gateway,
      log: quiet,
    }),
    { code: 'SUN_ERR_VNC_LISTEN' },
  );
});

test('a port in use is a clear SUN_ERR_VNC_LISTEN', async (t) => {
  const s = await setup(t);
  const port = Number(new URL(s.url).port);
  await assert.rejects(
    startVncListener({
      host: '127.0.0.1',
      port,
      wss: 'no',
      tokens: s.tokens,
      gateway: s.gateway,
      log: quiet,
    }),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'SUN_ERR_VNC_LISTEN');
      assert.match(err.message, /in use.*novnc-server/);
      return true;
    },
  );
});
