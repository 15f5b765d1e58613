// memcached outages as users see them, through the HTTP server on a real socket (issue #3 §1, §5):
// while memcached is down every request with a session answers 503 with the store's message
// (never 401) and login answers 503; nothing hangs or crashes; when memcached comes back the
// sessions it held are gone (401, log in again) and new logins work at once. Also: started with
// memcached down, and two memcached servers with one killed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemcacheStore } from '../../src/session/memcache-store.js';
import { basic, buildTestApp, type TestApp } from '../helpers/app.js';
import { startMemcached } from '../helpers/memcached.js';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One HTTP request; a hang fails the test (liveness, not a timing assertion). */
async function ask(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.text() };
}

async function listen(h: TestApp): Promise<string> {
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = h.app.server.address();
  assert.ok(typeof addr === 'object' && addr !== null);
  return `http://127.0.0.1:${addr.port}`;
}

async function login(
  base: string,
  user = 'demo',
): Promise<{ answer: Answer; headers: Record<string, string> }> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { authorization: basic(user, user), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'remember=false',
    signal: AbortSignal.timeout(5000),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = res.headers.get('x-csrf-token') ?? '';
  return {
    answer: { status: res.status, body: await res.text() },
    headers: { cookie, 'x-csrf-token': csrf },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function storeMessage(body: string): string {
  const parsed = JSON.parse(body) as { error?: { message?: string } };
  return parsed.error?.message ?? '';
}

test('memcached stopped and started again during a stream of requests', async (t) => {
  const h = await buildTestApp(t, { store: 'memcache', vms: 5 });
  const mc = h.memcached;
  assert.ok(mc);
  const base = await listen(h);
  const session = await login(base);
  assert.equal(session.answer.status, 204);

  // The stream: 4 clients asking in a loop until told to stop; every answer is recorded.
  const seen: Answer[] = [];
  type Phase = 'up' | 'down' | 'back';
  let phase: Phase = 'up';
  const byPhase: Record<Phase, Answer[]> = { up: [], down: [], back: [] };
  let running = true;
  const clients = Array.from({ length: 4 }, async () => {
    while (running) {
      const a = await ask(`${base}/config`, { headers: session.headers });
      seen.push(a);
      byPhase[phase].push(a);
    }
  });

  while (byPhase.up.length < 20) await sleep(5);
  assert.ok(byPhase.up.every((a) => a.status === 200));

  await mc.stop();
  phase = 'down';
  while (byPhase.down.filter((a) => a.status === 503).length < 50) await sleep(5);
  const downLogin = await login(base);
  assert.equal(downLogin.answer.status, 503, 'login while memcached is down');
  assert.match(
    storeMessage(downLogin.answer.body),
    new RegExp(
      `^session store unavailable: memcached at ${mc.server.replace(/\./g, '\\.')} (failed|is down)`,
    ),
  );

  await mc.start();
  const restarted = Date.now();
  phase = 'back';
  // The restarted memcached is empty: the session is lost, which is a 401 (log in again).
  while (!byPhase.back.some((a) => a.status === 401)) await sleep(5);
  running = false;
  await Promise.all(clients);
  const fresh = await login(base);
  t.diagnostic(
    `old session answered 401 and a new login worked ${Date.now() - restarted} ms after memcached restarted`,
  );
  assert.equal(fresh.answer.status, 204);
  assert.equal((await ask(`${base}/config`, { headers: fresh.headers })).status, 200);

  const down = byPhase.down;
  assert.ok(
    down.every((a) => a.status === 200 || a.status === 503),
    `while down only 200 (in flight at the stop) or 503: ${[...new Set(down.map((a) => a.status))].join(',')}`,
  );
  assert.ok(!down.some((a) => a.status === 401), 'an outage never looks like a logout');
  for (const a of down.filter((x) => x.status === 503)) {
    assert.match(
      storeMessage(a.body),
      /^session store unavailable: memcached at 127\.0\.0\.1:\d+ (failed|is down)/,
    );
  }
  assert.ok(
    byPhase.back.every((a) => a.status === 503 || a.status === 401),
    'after the restart: 503 until the store probes memcached again, then 401',
  );
  t.diagnostic(
    `${seen.length} requests: ${byPhase.up.length} up, ${down.length} down, ${byPhase.back.length} back`,
  );
});

test('started with memcached down: serves public pages, login is a clear 503, and works once memcached runs', async (t) => {
  const mc = await startMemcached(t, { start: false });
  const h = await buildTestApp(t, { store: 'memcache', memcached: mc, vms: 5 });
  const base = await listen(h);
  assert.equal((await ask(`${base}/`)).status, 200, 'the login page needs no session store');
  const first = await login(base);
  assert.equal(first.answer.status, 503);
  assert.match(storeMessage(first.answer.body), new RegExp(`memcached at 127\\.0\\.0\\.1:${mc.port}`));
  assert.match(storeMessage(first.answer.body), /start memcached there, or correct :memcache_host/);

  await mc.start();
  let status = 0;
  for (let i = 0; i < 100 && status !== 204; i++) {
    status = (await login(base)).answer.status;
    if (status !== 204) await sleep(20);
  }
  assert.equal(status, 204, 'logins work once memcached is up');
});

test('two memcached servers, one killed: its users log in again (401, not 503), the others keep their sessions', async (t) => {
  const a = await startMemcached(t);
  const b = await startMemcached(t);
  const store = new MemcacheStore({ hosts: [a.server, b.server], namespace: 'outage' });
  const h = await buildTestApp(t, { sessionStore: store, vms: 5 });
  const base = await listen(h);
  const sessions = await Promise.all(Array.from({ length: 16 }, () => login(base)));
  assert.ok(sessions.every((s) => s.answer.status === 204));

  await a.kill();
  const after = await Promise.all(sessions.map((s) => ask(`${base}/config`, { headers: s.headers })));
  const statuses = after.map((x) => x.status);
  assert.ok(
    statuses.every((s) => s === 200 || s === 401),
    `only 200 or 401: ${statuses.join(',')}`,
  );
  assert.ok(statuses.includes(200) && statuses.includes(401), `some on each server: ${statuses.join(',')}`);
  const again = await login(base);
  assert.equal(again.answer.status, 204, 'new logins go to the live server');
  assert.equal((await ask(`${base}/config`, { headers: again.headers })).status, 200);
  assert.match((await store.health()).detail, /down/);
});
