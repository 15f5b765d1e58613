// Failed logins are counted in memcached, so the limit holds across servers (issue #3 §4, §5): two
// app instances sharing one real memcached (same :memcache_namespace, as two servers behind a load
// balancer would), failures spread over both, the limit reached on either.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { totpCode } from '../../src/auth/totp.js';
import { ERIN_TOTP_SECRET } from '../../src/oned-sim/seed-login-users.js';
import { MemcacheStore } from '../../src/session/memcache-store.js';
import { basic, buildTestApp, type TestApp } from '../helpers/app.js';
import { startMemcached } from '../helpers/memcached.js';
import { LOADED_MACHINE_TIMEOUT_MS } from '../helpers/stores.js';

function login(app: TestApp, user: string, password: string) {
  return app.app.inject({ method: 'POST', url: '/login', headers: { authorization: basic(user, password) } });
}

/** Two app instances sharing one real memcached under one namespace, as two servers behind a balancer. */
async function twoInstances(t: TestContext, now?: () => number): Promise<[TestApp, TestApp]> {
  const memcached = await startMemcached(t);
  const namespace = `test-${randomUUID()}`;
  const instance = async () => {
    const store = new MemcacheStore({
      hosts: [memcached.server],
      namespace,
      timeoutMs: LOADED_MACHINE_TIMEOUT_MS,
    });
    t.after(() => store.close());
    return buildTestApp(t, now ? { sessionStore: store, now } : { sessionStore: store });
  };
  return [await instance(), await instance()];
}

test('failed logins through two instances add up in memcached; 429 from both; success clears', async (t) => {
  const [a, b] = await twoInstances(t);

  for (let i = 0; i < 9; i++) {
    assert.equal((await login(i % 2 === 0 ? a : b, 'demo', `wrong${i}`)).statusCode, 401, `try ${i}`);
  }
  assert.equal((await login(b, 'demo', 'demo')).statusCode, 204, 'nine failures: still allowed');
  for (let i = 0; i < 10; i++) {
    assert.equal(
      (await login(i % 2 === 0 ? b : a, 'demo', `wrong${i}`)).statusCode,
      401,
      `try ${i} after success`,
    );
  }
  for (const app of [a, b]) {
    const res = await login(app, 'demo', 'demo');
    assert.equal(res.statusCode, 429);
    assert.ok(Number(res.headers['retry-after']) > 0);
  }
  assert.equal((await login(a, 'alice', 'alice')).statusCode, 204);
});

test('a two-factor code used through one instance is refused by the other', async (t) => {
  const now = Date.now();
  const [a, b] = await twoInstances(t, () => now);
  const withCode = (app: TestApp, code: string) =>
    app.app.inject({
      method: 'POST',
      url: '/login',
      headers: { authorization: basic('erin', 'erin'), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `remember=false&two_factor_auth_token=${code}`,
    });
  const code = totpCode(ERIN_TOTP_SECRET, now);
  assert.equal((await withCode(a, code)).statusCode, 204);
  const replay = await withCode(b, code);
  assert.equal(replay.statusCode, 401);
  assert.equal(replay.body, 'Two factor authentication failed');
});

test('memcached down: login answers 503 and nothing is counted', async (t) => {
  const memcached = await startMemcached(t);
  const store = new MemcacheStore({ hosts: [memcached.server], namespace: `test-${randomUUID()}` });
  t.after(() => store.close());
  const app = await buildTestApp(t, { sessionStore: store });
  await memcached.stop();
  for (let i = 0; i < 12; i++) assert.equal((await login(app, 'demo', 'wrong')).statusCode, 503, `try ${i}`);
  await memcached.start();
  let res = await login(app, 'demo', 'demo');
  for (let i = 0; i < 50 && res.statusCode === 503; i++) {
    // The store's breaker lets a probe through within a second of memcached returning.
    await new Promise((r) => setTimeout(r, 100));
    res = await login(app, 'demo', 'demo');
  }
  assert.equal(res.statusCode, 204);
});
