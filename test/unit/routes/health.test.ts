// GET /health and GET /ready through the whole app against the real simulator (issue #3 §2).
import assert from 'node:assert/strict';
import { channel, subscribe, unsubscribe } from 'node:diagnostics_channel';
import { connect } from 'node:net';
import { test } from 'node:test';
import { ONE_CALL_CHANNEL, type OneCallEvent } from '../../../src/one/types.js';
import { MemoryStore } from '../../../src/session/memory-store.js';
import type { SessionStore } from '../../../src/session/store.js';
import { buildTestApp } from '../../helpers/app.js';

function versionCalls(t: { after: (fn: () => void) => void }): OneCallEvent[] {
  const seen: OneCallEvent[] = [];
  const listener = (msg: unknown): void => {
    const e = msg as OneCallEvent;
    if (e.method === 'one.system.version') seen.push(e);
  };
  subscribe(ONE_CALL_CHANNEL, listener);
  t.after(() => unsubscribe(ONE_CALL_CHANNEL, listener));
  return seen;
}

test('GET /health: 200 {"status":"ok"} without a session and without calling oned', async (t) => {
  const { app, sim } = await buildTestApp(t);
  const calls = versionCalls(t);
  sim.faults.refuse = true;
  const res = await app.inject({ url: '/health' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.body, '{"status":"ok"}');
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.headers['set-cookie'], undefined);
  assert.equal(calls.length, 0);
});

test('GET /ready: 200 while oned answers; 503 naming oned when it does not', async (t) => {
  let now = 1_700_000_000_000;
  const { app, sim } = await buildTestApp(t, { now: () => now });
  const ok = await app.inject({ url: '/ready' });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(JSON.parse(ok.body), { status: 'ok', oned: 'ok', sessions: 'ok' });
  assert.equal(ok.headers['cache-control'], 'no-store');

  sim.faults.refuse = true;
  now += 1000;
  const down = await app.inject({ url: '/ready' });
  assert.equal(down.statusCode, 503);
  assert.deepEqual(JSON.parse(down.body), { status: 'unavailable', oned: 'unreachable', sessions: 'ok' });

  sim.faults.refuse = false;
  now += 1000;
  assert.equal((await app.inject({ url: '/ready' })).statusCode, 200);
});

test('GET /ready asks oned at most once per second however often it is polled', async (t) => {
  let now = 1_700_000_000_000;
  const { app } = await buildTestApp(t, { now: () => now });
  const calls = versionCalls(t);
  await Promise.all(Array.from({ length: 20 }, () => app.inject({ url: '/ready' })));
  for (let i = 0; i < 10; i++) {
    now += 50;
    await app.inject({ url: '/ready' });
  }
  assert.equal(calls.length, 1);
  now += 1000;
  await app.inject({ url: '/ready' });
  assert.equal(calls.length, 2);
  assert.ok(calls.every((c) => c.outcome === 'ok'));
});

test('GET /ready: 503 naming the session store when its health check fails', async (t) => {
  let healthy = false;
  const store: SessionStore = Object.assign(new MemoryStore(), {
    health: async () => ({
      ok: healthy,
      detail: healthy ? 'ok' : 'memcached 127.0.0.1:1: connection refused',
    }),
  });
  let now = 1_700_000_000_000;
  const { app } = await buildTestApp(t, { sessionStore: store, now: () => now });
  const res = await app.inject({ url: '/ready' });
  assert.equal(res.statusCode, 503);
  assert.deepEqual(JSON.parse(res.body), { status: 'unavailable', oned: 'ok', sessions: 'unreachable' });
  assert.doesNotMatch(res.body, /127\.0\.0\.1|memcached/, 'no host names reach the client');
  healthy = true;
  now += 1000;
  assert.equal((await app.inject({ url: '/ready' })).statusCode, 200);
});

test('/health and /ready live under :base_path and leak nothing of the configuration', async (t) => {
  const { app, sim } = await buildTestApp(t, { config: { base_path: '/sunstone' } });
  assert.equal((await app.inject({ url: '/sunstone/health' })).statusCode, 200);
  const ready = await app.inject({ url: '/sunstone/ready' });
  assert.equal(ready.statusCode, 200);
  for (const res of [ready, await app.inject({ url: '/sunstone/health' })]) {
    assert.doesNotMatch(res.body, new RegExp(`${sim.port}|RPC2|6\\.10|/tmp|serveradmin`));
    assert.equal(res.headers['set-cookie'], undefined);
  }
  assert.equal((await app.inject({ url: '/health' })).statusCode, 404);
});

async function listening(app: Awaited<ReturnType<typeof buildTestApp>>['app']): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return typeof addr === 'object' && addr !== null ? addr.port : 0;
}

/** Counts requests HTTP servers of this process started handling, the simulator's included (node's channel). */
function requestsStarted(t: { after: (fn: () => void) => void }): () => number {
  let n = 0;
  const onStart = (): void => {
    n++;
  };
  channel('http.server.request.start').subscribe(onStart);
  t.after(() => channel('http.server.request.start').unsubscribe(onStart));
  return () => n;
}

function connections(app: Awaited<ReturnType<typeof buildTestApp>>['app']): Promise<number> {
  return new Promise((resolve, reject) =>
    app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
  );
}

/** Polls `cond` until it holds (bounded; the test fails with `what` otherwise). */
async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never happened: ${what}`);
}

/** A raw connection; tests destroy it in `finally` (t.after runs after the app's close, which it would hold). */
function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, closed, text: () => text };
}

test(
  'a request that arrives while stopping: 503 {"status":"stopping"} and Connection: close',
  { timeout: 20_000 },
  async (t) => {
    const { app, sim } = await buildTestApp(t);
    const port = await listening(app);
    // A slow /ready on one connection keeps the close waiting; on another, a request whose bytes are
    // on their way when the stop begins (its head is half sent), as a load balancer's probe can be.
    sim.faults.latencyMs = 300;
    const started = requestsStarted(t);
    const slow = rawClient(port);
    const late = rawClient(port);
    try {
      slow.socket.write('GET /ready HTTP/1.1\r\nHost: x\r\n\r\n');
      late.socket.write('GET /ready HTTP/1.1\r\nHost: x\r\n');
      await until(
        async () => started() >= 1 && (await connections(app)) === 2,
        'both connections in the server',
      );
      const closing = app.close();
      for (let i = 0; i < 1000 && app.server.listening; i++) await new Promise((r) => setImmediate(r));
      late.socket.write('\r\n');
      await Promise.all([slow.closed, late.closed, closing]);
    } finally {
      slow.socket.destroy();
      late.socket.destroy();
    }
    assert.match(slow.text(), /^HTTP\/1\.1 200 /);
    assert.match(slow.text(), /\{"status":"ok","oned":"ok","sessions":"ok"\}$/);
    assert.match(late.text(), /^HTTP\/1\.1 503 /);
    assert.match(late.text(), /\r\nconnection: close\r\n/i);
    assert.match(late.text(), /\{"status":"stopping"\}$/);
  },
);

test(
  'kept-alive connections do not hold a stop: answered with Connection: close, then closed (issue #3)',
  { timeout: 20_000 },
  async (t) => {
    const { app, sim } = await buildTestApp(t);
    const port = await listening(app);
    sim.faults.latencyMs = 300;
    const started = requestsStarted(t);
    const client = rawClient(port);
    try {
      client.socket.write('GET /ready HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
      await until(() => started() >= 1, 'the request in the server');
      // Without the drain the connection would idle until keepAliveTimeout (72 s): the test times out.
      await Promise.all([app.close(), client.closed]);
    } finally {
      client.socket.destroy();
    }
    assert.match(client.text(), /^HTTP\/1\.1 200 /);
    assert.match(client.text(), /\r\nconnection: close\r\n/i);
  },
);
