// POST /login, POST /logout, GET / and GET /login against the real oned simulator. Tests about
// sessions run against both stores, memory and a real memcached (issue #3 §5).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REMEMBER_SECONDS } from '../../../src/session/sessions.js';
import type { SessionStore } from '../../../src/session/store.js';
import { basic, buildTestApp, sessionCookie } from '../../helpers/app.js';
import { storeFor, testEachStore } from '../../helpers/stores.js';

testEachStore(
  'login as oneadmin: 204, signed session cookie, CSRF token in X-CSRF-Token and in the page',
  async (t, store) => {
    const { app, login } = await buildTestApp(t, { store });
    const s = await login('oneadmin', 'opennebula');
    assert.equal(s.response.body, '');
    assert.match(s.csrf, /^[0-9a-f]{64}$/);
    const raw = sessionCookie(s.response) ?? '';
    assert.match(raw, /^sunstone=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]+;/);
    assert.match(raw, /HttpOnly/);
    assert.match(raw, /SameSite=Lax/);
    assert.match(raw, /Path=\//);

    const page = await app.inject({ url: '/', headers: { cookie: s.cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, new RegExp(`<meta name="sunstone-csrf" content="${s.csrf}">`));
    assert.match(page.body, /<meta name="sunstone-base" content="">/);
  },
);

testEachStore(
  'the logged-out page has an empty token; GET /login redirects once logged in',
  async (t, store) => {
    const { app, login } = await buildTestApp(t, { store });
    const page = await app.inject({ url: '/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<meta name="sunstone-csrf" content="">/);
    assert.equal((await app.inject({ url: '/login' })).statusCode, 200);
    const s = await login('demo', 'demo');
    const again = await app.inject({ url: '/login', headers: { cookie: s.cookie } });
    assert.equal(again.statusCode, 302);
    assert.equal(again.headers.location, '/');
  },
);

test('wrong password, unknown user, missing or non-Basic header: 401 with an empty body', async (t) => {
  const { app } = await buildTestApp(t);
  const cases: Record<string, string | undefined> = {
    'wrong password': basic('oneadmin', 'nope'),
    'unknown user': basic('mallory', 'x'),
    'missing header': undefined,
    'not Basic': 'Bearer abc',
    'no colon': `Basic ${Buffer.from('oneadmin').toString('base64')}`,
  };
  for (const [name, authorization] of Object.entries(cases)) {
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: authorization === undefined ? {} : { authorization },
    });
    assert.equal(res.statusCode, 401, name);
    assert.equal(res.body, '', name);
    assert.equal(sessionCookie(res), undefined, `${name}: no session`);
  }
});

test('oned down: login answers 500 with an empty body (the login page says OpenNebula is not running)', async (t) => {
  const { app, sim } = await buildTestApp(t);
  await sim.close();
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { authorization: basic('demo', 'demo') },
  });
  assert.equal(res.statusCode, 500);
  assert.equal(res.body, '');
});

testEachStore('the session holds the user, never the password or the Basic credential', async (t, store) => {
  const { store: inner } = await storeFor(t, store);
  const seen: string[] = [];
  const spy: SessionStore = {
    get: (id) => inner.get(id),
    set: async (id, data, ttl) => {
      seen.push(JSON.stringify(data));
      await inner.set(id, data, ttl);
    },
    destroy: (id) => inner.destroy(id),
    health: () => inner.health(),
    close: () => inner.close(),
  };
  const { login } = await buildTestApp(t, { sessionStore: spy });
  await login('alice', 'alice');
  assert.equal(seen.length, 1);
  const data = JSON.parse(seen[0] ?? '{}') as Record<string, unknown>;
  assert.equal(data.user, 'alice');
  assert.equal(data.user_gname, 'engineering');
  assert.equal(data.remember, 'false');
  assert.match(String(data.user_id), /^\d+$/);
  assert.equal(typeof data.lang, 'string');
  const text = seen[0] ?? '';
  assert.ok(!text.includes('"alice:alice"') && !text.includes(Buffer.from('alice:alice').toString('base64')));
  assert.ok(!/password|auth/i.test(Object.keys(data).join(' ')));
});

testEachStore('remember=true: the cookie lasts 30 days', async (t, store) => {
  const now = Date.UTC(2026, 5, 1);
  const { login } = await buildTestApp(t, { store, now: () => now });
  const s = await login('demo', 'demo', { remember: true });
  const expires = new Date(now + REMEMBER_SECONDS * 1000).toUTCString();
  assert.match(sessionCookie(s.response) ?? '', new RegExp(`Expires=${expires}`));
  const normal = await login('demo', 'demo');
  assert.match(
    sessionCookie(normal.response) ?? '',
    new RegExp(`Expires=${new Date(now + 3600_000).toUTCString()}`),
  );
});

testEachStore('each login gets a new session id; logging in again ends the old session', async (t, store) => {
  const { app, login } = await buildTestApp(t, { store });
  const first = await login('demo', 'demo');
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { authorization: basic('demo', 'demo'), cookie: first.cookie },
  });
  assert.equal(res.statusCode, 204);
  assert.notEqual(sessionCookie(res)?.split(';')[0], first.cookie);
  assert.equal((await app.inject({ url: '/vm', headers: first.headers })).statusCode, 401);
});

testEachStore('logout needs the CSRF token, answers 204 and ends the session', async (t, store) => {
  const { app, login } = await buildTestApp(t, { store });
  const s = await login('demo', 'demo');
  const noToken = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: s.cookie } });
  assert.equal(noToken.statusCode, 401);
  assert.equal(noToken.body, 'csrftoken');
  const out = await app.inject({
    method: 'POST',
    url: '/logout',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `csrftoken=${s.csrf}`,
  });
  assert.equal(out.statusCode, 204);
  assert.match(sessionCookie(out) ?? '', /^sunstone=;/);
  const after = await app.inject({ url: '/vm', headers: s.headers });
  assert.equal(after.statusCode, 401);
  assert.equal(after.body, 'csrftoken');
});

testEachStore('session expiry follows :session_expire_time on the injected clock', async (t, store) => {
  let now = Date.UTC(2026, 5, 1);
  const { app, login } = await buildTestApp(t, {
    store,
    now: () => now,
    config: { session_expire_time: 60 },
  });
  const s = await login('demo', 'demo');
  now += 50_000;
  assert.equal((await app.inject({ url: '/config', headers: s.headers })).statusCode, 200);
  now += 50_000; // 100 s after login, 50 s after the last request
  assert.equal((await app.inject({ url: '/config?timeout=true', headers: s.headers })).statusCode, 200);
  now += 20_000; // 70 s after the last extending request
  const gone = await app.inject({ url: '/config', headers: s.headers });
  assert.equal(gone.statusCode, 401);
  assert.equal(gone.body, 'csrftoken');
});

test('the UI not built: GET / says to run npm run build', async (t) => {
  const { app } = await buildTestApp(t, { withIndex: false });
  const res = await app.inject({ url: '/' });
  assert.equal(res.statusCode, 500);
  assert.match(res.body, /npm run build/);
});

testEachStore('base_path: routes, cookie path and page placeholder follow it', async (t, store) => {
  const { app, login } = await buildTestApp(t, { store, config: { base_path: '/sunstone' } });
  const s = await login('demo', 'demo');
  assert.match(sessionCookie(s.response) ?? '', /Path=\/sunstone/);
  const page = await app.inject({ url: '/sunstone/', headers: { cookie: s.cookie } });
  assert.match(page.body, /content="\/sunstone"/);
  assert.equal((await app.inject({ url: '/sunstone/vm', headers: s.headers })).statusCode, 200);
  assert.equal((await app.inject({ url: '/vm', headers: s.headers })).statusCode, 404);
});
