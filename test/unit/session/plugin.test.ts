// The session plugin and protect() on a minimal app: a stand-in login route starts sessions, a
// protected route echoes what it received. (No oned involved: routes over oned are tested in
// test/unit/routes with the simulator.) Every test runs against both stores: memory and a real
// memcached (issue #3 §5).
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { MemoryStore } from '../../../src/session/memory-store.js';
import { protect, sessions } from '../../../src/session/plugin.js';
import { REMEMBER_SECONDS } from '../../../src/session/sessions.js';
import type { SessionData, SessionStore } from '../../../src/session/store.js';
import { storeFor, testEachStore, type StoreKind } from '../../helpers/stores.js';

const secret = Buffer.from('a test secret of thirty-two bytes');

interface Opts {
  /** Which store (default memory); `store` wins when given. */
  kind?: StoreKind;
  store?: SessionStore;
  now?: () => number;
  bindIp?: boolean;
  basePath?: string;
  expireTime?: number;
}

async function build(t: TestContext, opts: Opts = {}) {
  const store =
    opts.store ?? (await storeFor(t, opts.kind ?? 'memory', opts.now ? { now: opts.now } : {})).store;
  const app = Fastify({ trustProxy: false });
  t.after(() => app.close());
  await app.register(cookie);
  await app.register(formbody);
  await app.register(
    async (site) => {
      await site.register(sessions, {
        store,
        secret,
        expireTime: opts.expireTime ?? 3600,
        basePath: opts.basePath ?? '',
        bindIp: opts.bindIp ?? false,
        ...(opts.now ? { now: opts.now } : {}),
      });
      site.post<{ Querystring: { remember?: string } }>('/login', async (request, reply) => {
        const s = await site.sessions.start(
          request,
          reply,
          {
            user: 'demo',
            user_id: '5',
            user_gid: '1',
            user_gname: 'users',
            display_name: 'Demo',
            lang: 'en_US',
          },
          request.query.remember === 'true',
        );
        return reply.header('x-csrf-token', s.data.csrftoken).code(204).send();
      });
      site.get('/public', async (request) => ({ user: request.user }));
      await site.register(async (api) => {
        protect(api);
        api.all('/echo', async (request) => ({ user: request.user, body: request.body ?? null }));
        api.post('/bye', async (request, reply) => {
          if (request.session) await api.sessions.end(request, reply, request.session);
          return reply.code(204).send();
        });
      });
    },
    { prefix: opts.basePath ?? '' },
  );
  return app;
}

function cookieOf(res: LightMyRequestResponse): { value: string; raw: string } {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sunstone='));
  assert.ok(raw, 'a sunstone cookie is set');
  return { value: raw.split(';')[0] ?? '', raw };
}

async function login(app: Awaited<ReturnType<typeof build>>, query = '', path = '/login') {
  const res = await app.inject({ method: 'POST', url: path + query });
  assert.equal(res.statusCode, 204);
  const token = res.headers['x-csrf-token'];
  assert.equal(typeof token, 'string');
  return { cookie: cookieOf(res), csrf: token as string };
}

testEachStore(
  'cookie flags: HttpOnly, SameSite=Lax, Path=/, Expires one expire time ahead',
  async (t, kind) => {
    const now = Date.UTC(2026, 0, 1);
    const app = await build(t, { kind, now: () => now });
    const { cookie: c } = await login(app);
    assert.match(c.raw, /HttpOnly/);
    assert.match(c.raw, /SameSite=Lax/);
    assert.match(c.raw, /Path=\//);
    assert.doesNotMatch(c.raw, /Secure/);
    assert.match(c.raw, /Expires=Thu, 01 Jan 2026 01:00:00 GMT/);
  },
);

testEachStore('Secure on https (trusted proxy), Path follows the base path', async (t, kind) => {
  const app = Fastify({ trustProxy: true });
  t.after(() => app.close());
  await app.register(cookie);
  await app.register(sessions, {
    store: (await storeFor(t, kind)).store,
    secret,
    expireTime: 60,
    basePath: '/sun',
    bindIp: false,
  });
  app.post('/sun/login', async (request, reply) => {
    await app.sessions.start(
      request,
      reply,
      { user: 'u', user_id: '1', user_gid: '1', user_gname: 'g', display_name: 'u', lang: 'en' },
      false,
    );
    return reply.code(204).send();
  });
  const res = await app.inject({
    method: 'POST',
    url: '/sun/login',
    headers: { 'x-forwarded-proto': 'https' },
  });
  const raw = cookieOf(res).raw;
  assert.match(raw, /Secure/);
  assert.match(raw, /Path=\/sun/);
});

testEachStore('a protected route needs the session and the CSRF token, by any carrier', async (t, kind) => {
  const app = await build(t, { kind });
  const { cookie: c, csrf } = await login(app);
  const cookieHeader = { cookie: c.value };

  const none = await app.inject({ url: '/echo' });
  assert.equal(none.statusCode, 401);
  assert.equal(none.body, 'csrftoken');

  const noToken = await app.inject({ url: '/echo', headers: cookieHeader });
  assert.equal(noToken.statusCode, 401);
  assert.equal(noToken.body, 'csrftoken');

  const wrong = await app.inject({ url: `/echo?csrftoken=${'0'.repeat(64)}`, headers: cookieHeader });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.body, 'csrftoken');

  const viaQuery = await app.inject({ url: `/echo?csrftoken=${csrf}`, headers: cookieHeader });
  assert.equal(viaQuery.statusCode, 200);
  assert.deepEqual(viaQuery.json().user, { name: 'demo', id: 5, gid: 1 });

  const viaHeader = await app.inject({ url: '/echo', headers: { ...cookieHeader, 'x-csrf-token': csrf } });
  assert.equal(viaHeader.statusCode, 200);

  const viaForm = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { ...cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `csrftoken=${csrf}&a=1`,
  });
  assert.equal(viaForm.statusCode, 200);
  assert.deepEqual(viaForm.json().body, { a: '1' });

  const viaJson = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: cookieHeader,
    payload: { csrftoken: csrf, action: { perform: 'hold' } },
  });
  assert.equal(viaJson.statusCode, 200);
  assert.deepEqual(
    viaJson.json().body,
    { action: { perform: 'hold' } },
    'the token is removed from the body',
  );
});

testEachStore('a forged cookie (right id shape, wrong signature) is no session', async (t, kind) => {
  const app = await build(t, { kind });
  const { cookie: c, csrf } = await login(app);
  const forged = c.value.replace(/\.[^.]+$/, '.AAAA');
  const res = await app.inject({ url: '/echo', headers: { cookie: forged, 'x-csrf-token': csrf } });
  assert.equal(res.statusCode, 401);
});

testEachStore('public routes see the user without a token', async (t, kind) => {
  const app = await build(t, { kind });
  const { cookie: c } = await login(app);
  assert.deepEqual((await app.inject({ url: '/public' })).json(), { user: null });
  assert.equal((await app.inject({ url: '/public', headers: { cookie: c.value } })).json().user.name, 'demo');
});

testEachStore('sliding expiry: requests extend the session, timeout=true does not', async (t, kind) => {
  let now = 1_000_000_000_000;
  const app = await build(t, { kind, now: () => now, expireTime: 100 });
  const { cookie: c, csrf } = await login(app);
  const ask = (q = '') => app.inject({ url: `/echo?csrftoken=${csrf}${q}`, headers: { cookie: c.value } });

  now += 90_000;
  const renewed = await ask();
  assert.equal(renewed.statusCode, 200);
  assert.match(cookieOf(renewed).raw, new RegExp(`Expires=${new Date(now + 100_000).toUTCString()}`));

  now += 90_000; // 180 s after login, 90 s after the last renewal
  const polled = await ask('&timeout=true');
  assert.equal(polled.statusCode, 200);
  assert.equal(polled.headers['set-cookie'], undefined, 'polling does not re-send the cookie');

  now += 20_000; // 110 s after the last renewal: polling did not extend it
  const expired = await ask();
  assert.equal(expired.statusCode, 401);
  assert.equal(expired.body, 'csrftoken');
});

testEachStore('renewal in steps of 1% of the expire time: nothing written in between', async (t, kind) => {
  let now = 1_000_000_000_000;
  const app = await build(t, { kind, now: () => now, expireTime: 100 }); // steps of 1 s
  const { cookie: c, csrf } = await login(app);
  const ask = () => app.inject({ url: `/echo?csrftoken=${csrf}`, headers: { cookie: c.value } });

  now += 500;
  const soon = await ask();
  assert.equal(soon.statusCode, 200);
  assert.equal(soon.headers['set-cookie'], undefined, 'renewed half a second ago: left as it is');

  now += 600; // 1.1 s after the last renewal (the login)
  const later = await ask();
  assert.match(cookieOf(later).raw, new RegExp(`Expires=${new Date(now + 100_000).toUTCString()}`));

  now += 99_000; // still within 100 s of that renewal
  assert.equal((await ask()).statusCode, 200);
});

testEachStore('remember=true: 30 days (minus a second), not extended by requests', async (t, kind) => {
  let now = 1_000_000_000_000;
  const app = await build(t, { kind, now: () => now, expireTime: 100 });
  const { cookie: c, csrf } = await login(app, '?remember=true');
  assert.match(c.raw, new RegExp(`Expires=${new Date(now + REMEMBER_SECONDS * 1000).toUTCString()}`));
  now += 10 * 24 * 3600 * 1000;
  const later = await app.inject({ url: `/echo?csrftoken=${csrf}`, headers: { cookie: c.value } });
  assert.equal(later.statusCode, 200);
  assert.equal(later.headers['set-cookie'], undefined);
  now += 20 * 24 * 3600 * 1000;
  const gone = await app.inject({ url: `/echo?csrftoken=${csrf}`, headers: { cookie: c.value } });
  assert.equal(gone.statusCode, 401);
});

testEachStore('a new login gets a new id and the old one stops working', async (t, kind) => {
  const app = await build(t, { kind });
  const first = await login(app);
  const res = await app.inject({ method: 'POST', url: '/login', headers: { cookie: first.cookie.value } });
  const second = cookieOf(res).value;
  assert.notEqual(second, first.cookie.value);
  const old = await app.inject({
    url: `/echo?csrftoken=${first.csrf}`,
    headers: { cookie: first.cookie.value },
  });
  assert.equal(old.statusCode, 401);
});

testEachStore('ending a session clears the cookie and the session', async (t, kind) => {
  const app = await build(t, { kind });
  const { cookie: c, csrf } = await login(app);
  const bye = await app.inject({
    method: 'POST',
    url: `/bye?csrftoken=${csrf}`,
    headers: { cookie: c.value },
  });
  assert.equal(bye.statusCode, 204);
  const cleared = ([] as string[])
    .concat(bye.headers['set-cookie'] ?? [])
    .filter((x) => x.startsWith('sunstone='));
  assert.equal(cleared.length, 1);
  assert.match(cleared[0] ?? '', /^sunstone=;.*Expires=Thu, 01 Jan 1970/);
  const after = await app.inject({ url: `/echo?csrftoken=${csrf}`, headers: { cookie: c.value } });
  assert.equal(after.statusCode, 401);
});

testEachStore('session_bind_ip: the session only works from the address that logged in', async (t, kind) => {
  const app = await build(t, { kind, bindIp: true });
  const res = await app.inject({ method: 'POST', url: '/login', remoteAddress: '10.0.0.1' });
  const c = cookieOf(res).value;
  const csrf = res.headers['x-csrf-token'] as string;
  const same = await app.inject({
    url: `/echo?csrftoken=${csrf}`,
    headers: { cookie: c },
    remoteAddress: '10.0.0.1',
  });
  assert.equal(same.statusCode, 200);
  const other = await app.inject({
    url: `/echo?csrftoken=${csrf}`,
    headers: { cookie: c },
    remoteAddress: '10.0.0.2',
  });
  assert.equal(other.statusCode, 401);
});

testEachStore('no IP binding by default', async (t, kind) => {
  const app = await build(t, { kind });
  const res = await app.inject({ method: 'POST', url: '/login', remoteAddress: '10.0.0.1' });
  const c = cookieOf(res).value;
  const csrf = res.headers['x-csrf-token'] as string;
  const other = await app.inject({
    url: `/echo?csrftoken=${csrf}`,
    headers: { cookie: c },
    remoteAddress: '10.0.0.2',
  });
  assert.equal(other.statusCode, 200);
});

testEachStore(
  'a failing store is a 503 saying the session store is unavailable, never a 401',
  async (t, kind) => {
    const { store: inner } = await storeFor(t, kind);
    let broken = false;
    const store: SessionStore = {
      get: (id) => (broken ? Promise.reject(new Error('connection refused')) : inner.get(id)),
      set: (id, d: SessionData, ttl) =>
        broken ? Promise.reject(new Error('connection refused')) : inner.set(id, d, ttl),
      destroy: (id) => inner.destroy(id),
      health: () => inner.health(),
      close: () => inner.close(),
    };
    const app = await build(t, { store });
    const { cookie: c, csrf } = await login(app);
    broken = true;
    const res = await app.inject({ url: `/echo?csrftoken=${csrf}`, headers: { cookie: c.value } });
    assert.equal(res.statusCode, 503);
    assert.match(
      res.json().message,
      /^session store unavailable: could not read a session \(connection refused\)/,
    );
    const loginRes = await app.inject({ method: 'POST', url: '/login' });
    assert.equal(loginRes.statusCode, 503);
  },
);

test('options are checked at registration and the error names the option', async (t) => {
  const app = Fastify();
  t.after(() => app.close());
  await app.register(cookie);
  app.register(sessions, {
    store: new MemoryStore(),
    secret: Buffer.from('short'),
    expireTime: 60,
    basePath: '',
    bindIp: false,
  });
  await assert.rejects(async () => app.ready(), { code: 'SUN_ERR_SESSION_OPTION', message: /secret/ });
});
