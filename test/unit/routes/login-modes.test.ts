// POST /login in every :auth mode against the real simulator (its seeded users: demo core, carol
// public, dave x509), each with a success and refusals, trusted and untrusted peers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { basic, buildTestApp, sessionCookie, type TestApp } from '../../helpers/app.js';

const pem = (name: string) =>
  readFileSync(new URL(`../../fixtures/x509/${name}`, import.meta.url), 'utf8')
    .trim()
    .replace(/\n/g, ' ');
const UNTRUSTED = '203.0.113.9';

function post(
  t: TestApp,
  headers: Record<string, string>,
  remoteAddress?: string,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/login',
    headers,
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

async function sessionUser(t: TestApp, res: LightMyRequestResponse): Promise<string> {
  assert.equal(res.statusCode, 204, res.body);
  const cookie = sessionCookie(res)?.split(';')[0] ?? '';
  const csrf = String(res.headers['x-csrf-token']);
  const me = await t.app.inject({ url: '/user/-1', headers: { cookie, 'x-csrf-token': csrf } });
  return String(me.json().USER.NAME);
}

test('sunstone: the SHA-256 of the password against the pool; only core users', async (t) => {
  const app = await buildTestApp(t, { config: { auth: 'sunstone' } });
  assert.equal(await sessionUser(app, await post(app, { authorization: basic('demo', 'demo') })), 'demo');
  for (const [user, password] of [
    ['demo', 'wrong'],
    ['nobody', 'demo'],
    ['carol', 'carol'], // public driver
  ] as const) {
    const res = await post(app, { authorization: basic(user, password) });
    assert.equal(res.statusCode, 401, `${user}:${password}`);
    assert.equal(res.body, '');
    assert.equal(sessionCookie(res), undefined);
  }
  assert.equal((await post(app, {})).statusCode, 401, 'no credentials');
});

test('remote: X-Auth-Username / REMOTE_USER from a trusted proxy names a public user', async (t) => {
  const app = await buildTestApp(t, { config: { auth: 'remote' } });
  assert.equal(await sessionUser(app, await post(app, { 'x-auth-username': 'carol' })), 'carol');
  assert.equal(await sessionUser(app, await post(app, { 'remote-user': 'carol' })), 'carol');
  assert.equal((await post(app, { 'x-auth-username': 'demo' })).statusCode, 401, 'core user');
  assert.equal((await post(app, { 'x-auth-username': 'nobody' })).statusCode, 401);
  assert.equal((await post(app, { 'x-auth-username': '(null)' })).statusCode, 401);
  assert.equal(
    (await post(app, { authorization: basic('carol', 'carol') })).statusCode,
    401,
    'Basic is not used',
  );
  const untrusted = await post(app, { 'x-auth-username': 'carol' }, UNTRUSTED);
  assert.equal(untrusted.statusCode, 401, 'the header of an untrusted peer is ignored');
  assert.equal(sessionCookie(untrusted), undefined);
});

test('remote: :trusted_proxies decides who may name the user', async (t) => {
  const app = await buildTestApp(t, { config: { auth: 'remote', trusted_proxies: ['10.1.0.0/16'] } });
  assert.equal((await post(app, { 'x-auth-username': 'carol' })).statusCode, 401, 'loopback not trusted now');
  assert.equal(await sessionUser(app, await post(app, { 'x-auth-username': 'carol' }, '10.1.2.3')), 'carol');
});

test('x509: SSL_CLIENT_CERT from a trusted proxy, DN matched against x509 users', async (t) => {
  const app = await buildTestApp(t, { config: { auth: 'x509' } });
  assert.equal(await sessionUser(app, await post(app, { ssl_client_cert: pem('dave.pem') })), 'dave');
  assert.equal(await sessionUser(app, await post(app, { 'ssl-client-cert': pem('dave.pem') })), 'dave');
  assert.equal((await post(app, { ssl_client_cert: pem('mallory.pem') })).statusCode, 401, 'unknown DN');
  assert.equal((await post(app, { ssl_client_cert: '(null)' })).statusCode, 401);
  assert.equal(
    (await post(app, { ssl_client_cert: pem('dave.pem') }, UNTRUSTED)).statusCode,
    401,
    'untrusted',
  );
  assert.equal((await post(app, { authorization: basic('dave', 'x') })).statusCode, 401);
});

test('opennebula: a group-scoped login token works as the password', async (t) => {
  const app = await buildTestApp(t);
  const token = await app.app.oneClient.call('demo:demo', 'one.user.login', ['demo', '', 600, 1]);
  assert.equal(typeof token, 'string');
  const res = await post(app, { authorization: basic('demo', String(token)) });
  assert.equal(await sessionUser(app, res), 'demo');
  assert.equal((await post(app, { authorization: basic('demo', 'f'.repeat(64)) })).statusCode, 401);
});
