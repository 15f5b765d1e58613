// Brute-force limiting of POST /login (src/auth/login-limiter.ts): 10 failures per user name and
// 50 per address in 5-minute windows, 429 + Retry-After; outages never count; success clears.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { totpCode } from '../../../src/auth/totp.js';
import { ERIN_TOTP_SECRET } from '../../../src/oned-sim/seed-login-users.js';
import { MemoryStore } from '../../../src/session/memory-store.js';
import type { SessionStore } from '../../../src/session/store.js';
import { basic, buildTestApp, type TestApp } from '../../helpers/app.js';

const T0 = Date.UTC(2026, 5, 1, 12, 1, 40); // 100 s into a 5-minute window

function login(app: TestApp, user: string, password: string, opts: { ip?: string; code?: string } = {}) {
  return app.app.inject({
    method: 'POST',
    url: '/login',
    headers: { authorization: basic(user, password), 'content-type': 'application/x-www-form-urlencoded' },
    payload: opts.code === undefined ? '' : `two_factor_auth_token=${opts.code}`,
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

test('ten wrong passwords for a user: then 429 with Retry-After, even with the right password', async (t) => {
  let now = T0;
  const app = await buildTestApp(t, { now: () => now });
  for (let i = 0; i < 10; i++) {
    assert.equal((await login(app, 'demo', `wrong${i}`, { ip: `10.0.0.${i}` })).statusCode, 401, `try ${i}`);
  }
  const limited = await login(app, 'demo', 'demo', { ip: '10.0.9.9' });
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.headers['retry-after'], '200');
  assert.match(limited.json().error.message, /Too many failed logins.*try again in 200 seconds/);
  assert.equal(
    (await login(app, 'alice', 'alice', { ip: '10.0.9.9' })).statusCode,
    204,
    'other users log in',
  );
  now += 199_000;
  assert.equal((await login(app, 'demo', 'demo')).headers['retry-after'], '1');
  now += 1_000;
  assert.equal((await login(app, 'demo', 'demo')).statusCode, 204, 'a new window');
});

test('fifty failures from one address: every name from it is refused, other addresses are not', async (t) => {
  const app = await buildTestApp(t, { now: () => T0 });
  for (let i = 0; i < 50; i++) {
    assert.equal((await login(app, `guess${i}`, 'x', { ip: '198.51.100.7' })).statusCode, 401);
  }
  const res = await login(app, 'demo', 'demo', { ip: '198.51.100.7' });
  assert.equal(res.statusCode, 429);
  assert.ok(Number(res.headers['retry-after']) > 0);
  assert.equal((await login(app, 'demo', 'demo', { ip: '198.51.100.8' })).statusCode, 204);
});

test("wrong 2FA codes count; a successful login clears the user's failures", async (t) => {
  const app = await buildTestApp(t, { now: () => T0 });
  const right = totpCode(ERIN_TOTP_SECRET, T0);
  const wrong = right === '000000' ? '111111' : '000000';
  for (let i = 0; i < 9; i++)
    assert.equal((await login(app, 'erin', 'erin', { code: wrong })).statusCode, 401);
  assert.equal((await login(app, 'erin', 'erin', { code: right })).statusCode, 204);
  for (let i = 0; i < 9; i++) assert.equal((await login(app, 'erin', 'nope')).statusCode, 401);
  assert.equal((await login(app, 'erin', 'nope')).statusCode, 401, 'the 10th failure since the success');
  assert.equal((await login(app, 'erin', 'erin', { code: right })).statusCode, 429);
});

test('an oned outage is not a failed login: never 429, however many tries', async (t) => {
  const app = await buildTestApp(t, { now: () => T0 });
  await app.sim.close();
  for (let i = 0; i < 15; i++) {
    const res = await login(app, 'demo', 'demo');
    assert.equal(res.statusCode, 500, `try ${i}`);
    assert.equal(res.body, '');
  }
});

test('a session store that cannot answer: 503, not a refusal, and nothing is counted', async (t) => {
  const inner = new MemoryStore({ now: () => T0 });
  let down = false;
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      down ? Promise.reject(new Error('store down')) : fn(...a);
  const store: SessionStore & Pick<MemoryStore, 'incr' | 'count' | 'reset'> = {
    get: guard((id: string) => inner.get(id)),
    set: guard((id: string, d: Parameters<MemoryStore['set']>[1], ttl: number) => inner.set(id, d, ttl)),
    destroy: guard((id: string) => inner.destroy(id)),
    health: () => inner.health(),
    close: () => inner.close(),
    incr: guard((k: string, ttl: number) => inner.incr(k, ttl)),
    count: guard((k: string) => inner.count(k)),
    reset: guard((k: string) => inner.reset(k)),
  };
  const app = await buildTestApp(t, { now: () => T0, sessionStore: store });
  down = true;
  for (let i = 0; i < 12; i++) {
    const res = await login(app, 'demo', 'wrong');
    assert.equal(res.statusCode, 503, `try ${i}`);
    assert.match(res.json().error.message, /^session store unavailable/);
  }
  down = false;
  assert.equal((await login(app, 'demo', 'demo')).statusCode, 204);
});
