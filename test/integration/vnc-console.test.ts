// The VNC console end to end over real sockets: a user asks POST /vm/:id/startvnc, then a websocket
// client (ws, as noVNC) opens the console through the main port (/websockify under :base_path, with
// the session cookie) and through the websockify-compatible :vnc_proxy_port listener (token only),
// and completes the RFB handshake with the simulator's VNC server of that VM. Refused: another
// user's token, an expired token (injected clock), a reused or unknown token, no session.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { pino } from 'pino';
import { startVncProxy } from '../../src/cli/vnc-proxy.js';
import { buildTestApp, type TestAppOptions } from '../helpers/app.js';
import { storeFor } from '../helpers/stores.js';
import { openConsole, type ConsoleSocket } from '../helpers/console-ws.js';
import { rfbHandshake } from '../helpers/rfb-client.js';

interface Refusal {
  readonly status: number;
  readonly body: string;
}

function openWs(url: string, headers: Record<string, string> = {}): Promise<ConsoleSocket> {
  return openConsole(url, { headers });
}

async function refused(p: Promise<unknown>, status: number, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: Refusal) => {
    assert.equal(err.status, status, err.body);
    assert.match((JSON.parse(err.body) as { error: { message: string } }).error.message, message);
    return true;
  });
}

async function consoleApp(t: TestContext, opts: TestAppOptions = {}) {
  const h = await buildTestApp(t, { vms: 10, ...opts });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (h.app.server.address() as { port: number }).port;
  const base = h.config.base_path;
  async function startVnc(user: { headers: Record<string, string> }, vm: number): Promise<string> {
    const res = await h.app.inject({
      method: 'POST',
      url: `${base}/vm/${vm}/startvnc`,
      headers: user.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return (JSON.parse(res.body) as { token: string }).token;
  }
  return { ...h, ws: `ws://127.0.0.1:${port}${base}/websockify`, startVnc };
}

test('main port: the owner opens the console of a running VM and completes the RFB handshake', async (t) => {
  const c = await consoleApp(t);
  const demo = await c.login('demo', 'demo');
  const token = await c.startVnc(demo, 1);
  const { ws, io } = await openWs(`${c.ws}?token=${token}`, { cookie: demo.cookie });
  t.after(() => ws.terminate());
  assert.equal(ws.protocol, 'binary');
  const init = await rfbHandshake(io);
  assert.equal(init.serverVersion, 'RFB 003.008\n');
  assert.equal(init.name, c.sim.core.state.vms.get(1)?.name, "the VM's own VNC server");
  assert.equal(c.app.vnc.gateway.active, 1);
});

test('main port under :base_path /sunstone', async (t) => {
  const c = await consoleApp(t, { config: { base_path: '/sunstone' } });
  assert.match(c.ws, /\/sunstone\/websockify$/);
  const demo = await c.login('demo', 'demo');
  const { ws, io } = await openWs(`${c.ws}?token=${await c.startVnc(demo, 1)}`, { cookie: demo.cookie });
  t.after(() => ws.terminate());
  assert.equal((await rfbHandshake(io)).width, 64);
  await refused(
    openWs(c.ws.replace('/sunstone/websockify', '/websockify')),
    404,
    /consoles are at \/sunstone\/websockify/,
  );
});

test("main port: another user's token, no session, a reused and an unknown token are refused", async (t) => {
  const c = await consoleApp(t);
  const demo = await c.login('demo', 'demo');
  const alice = await c.login('alice', 'alice');
  const demoToken = await c.startVnc(demo, 1);
  await refused(openWs(`${c.ws}?token=${demoToken}`, { cookie: alice.cookie }), 403, /not valid for you/);
  await refused(openWs(`${c.ws}?token=${demoToken}`), 401, /No Sunstone session/);
  const { ws } = await openWs(`${c.ws}?token=${demoToken}`, { cookie: demo.cookie });
  ws.terminate();
  await refused(openWs(`${c.ws}?token=${demoToken}`, { cookie: demo.cookie }), 403, /already used/);
  await refused(openWs(`${c.ws}?token=${'0'.repeat(32)}`, { cookie: demo.cookie }), 403, /not valid/);
  await refused(openWs(c.ws, { cookie: demo.cookie }), 400, /No VNC token/);
});

test('an expired token is refused (injected clock)', async (t) => {
  const clock = { now: Date.now() };
  const c = await consoleApp(t, { now: () => clock.now });
  const demo = await c.login('demo', 'demo');
  const token = await c.startVnc(demo, 1);
  clock.now += 61_000;
  await refused(openWs(`${c.ws}?token=${token}`, { cookie: demo.cookie }), 403, /expired/);
});

test('a plain GET of /websockify is 426, and other upgrade paths are 404', async (t) => {
  const c = await consoleApp(t);
  const demo = await c.login('demo', 'demo');
  const res = await c.app.inject({ method: 'GET', url: '/websockify', headers: { cookie: demo.cookie } });
  assert.equal(res.statusCode, 426);
  await refused(openWs(c.ws.replace('/websockify', '/vm')), 404, /No websocket at \/vm/);
});

test(':vnc_proxy_port: the stock UI opens the console with the token alone', async (t) => {
  const c = await consoleApp(t);
  const proxy = await startVncProxy(
    c.app.vnc,
    { ...c.config, vnc_proxy_port: '127.0.0.1:0' },
    pino({ level: 'silent' }),
  );
  assert.ok(proxy, 'the listener started');
  t.after(() => proxy.close());
  const url = `ws://127.0.0.1:${proxy.port}`;
  const demo = await c.login('demo', 'demo');
  const token = await c.startVnc(demo, 1);
  const { ws, io } = await openWs(`${url}/?token=${token}`);
  t.after(() => ws.terminate());
  assert.equal((await rfbHandshake(io)).name, c.sim.core.state.vms.get(1)?.name);
  await refused(openWs(`${url}/?token=${token}`), 403, /already used/);
});

test(':vnc_proxy_port: an expired token is refused there too', async (t) => {
  const clock = { now: Date.now() };
  const c = await consoleApp(t, { now: () => clock.now });
  const proxy = await startVncProxy(
    c.app.vnc,
    { ...c.config, vnc_proxy_port: '127.0.0.1:0' },
    pino({ level: 'silent' }),
  );
  assert.ok(proxy);
  t.after(() => proxy.close());
  const demo = await c.login('demo', 'demo');
  const token = await c.startVnc(demo, 1);
  clock.now += 61_000;
  await refused(openWs(`ws://127.0.0.1:${proxy.port}/?token=${token}`), 403, /expired/);
});

test('a VM stopped after the token was issued: 502 naming its host and port', async (t) => {
  const c = await consoleApp(t);
  const demo = await c.login('demo', 'demo');
  const token = await c.startVnc(demo, 1);
  const vm = c.sim.core.state.vms.get(1);
  assert.ok(vm);
  vm.state = 8; // POWEROFF: the hypervisor no longer runs it
  await refused(openWs(`${c.ws}?token=${token}`, { cookie: demo.cookie }), 502, /VM 1 at node\d+:5901/);
});

test('closing the app ends open consoles with 1001', async (t) => {
  const c = await consoleApp(t);
  const demo = await c.login('demo', 'demo');
  const { ws } = await openWs(`${c.ws}?token=${await c.startVnc(demo, 1)}`, { cookie: demo.cookie });
  const code = new Promise<number>((resolve) => ws.once('close', (n: number) => resolve(n)));
  await c.app.close();
  assert.equal(await code, 1001);
});

test('a token issued by one server opens the console on another sharing memcached', async (t) => {
  const { store } = await storeFor(t, 'memcache');
  const issuer = await consoleApp(t, { sessionStore: store });
  const other = await consoleApp(t, { sessionStore: store });
  const proxy = await startVncProxy(
    other.app.vnc,
    { ...other.config, vnc_proxy_port: '127.0.0.1:0' },
    pino({ level: 'silent' }),
  );
  assert.ok(proxy);
  t.after(() => proxy.close());
  const demo = await issuer.login('demo', 'demo');
  const token = await issuer.startVnc(demo, 1);
  const { ws, io } = await openWs(`ws://127.0.0.1:${proxy.port}/?token=${token}`);
  t.after(() => ws.terminate());
  assert.equal((await rfbHandshake(io)).width, 64);
  await refused(openWs(`${issuer.ws}?token=${token}`, { cookie: demo.cookie }), 403, /already used/);
});
