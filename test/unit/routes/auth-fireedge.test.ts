// GET /auth_fireedge: the JWT fetched at login from :private_fireedge_endpoint (a stand-in FireEdge),
// kept in the session (never the password); Sunstone's 400 {"token":""} when there is none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFireEdgeStub } from '../../helpers/fireedge-stub.js';
import { buildTestApp } from '../../helpers/app.js';

test('the JWT FireEdge gave at login', async (t) => {
  const fe = await startFireEdgeStub(t, { user: 'demo', password: 'demo', jwt: 'eyJ.demo.jwt' });
  const { app, login } = await buildTestApp(t, { vms: 1, config: { private_fireedge_endpoint: fe.url } });
  const demo = await login('demo', 'demo');
  assert.deepEqual(fe.requests, [{ user: 'demo', token: 'demo', token2fa: '' }]);
  const res = await app.inject({ method: 'GET', url: '/auth_fireedge', headers: demo.headers });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  assert.equal(res.body, '{"token":"eyJ.demo.jwt"}');
  const anon = await app.inject({ method: 'GET', url: '/auth_fireedge' });
  assert.equal(anon.statusCode, 401);
});

test('FireEdge refused or not deployed: the login works, /auth_fireedge is 400 {"token":""}', async (t) => {
  const fe = await startFireEdgeStub(t, { user: 'someone-else', password: 'x', jwt: 'never' });
  const refused = await buildTestApp(t, { vms: 1, config: { private_fireedge_endpoint: fe.url } });
  const a = await refused.login('demo', 'demo');
  const res = await refused.app.inject({ method: 'GET', url: '/auth_fireedge', headers: a.headers });
  assert.equal(res.statusCode, 400);
  assert.equal(res.body, '{"token":""}');

  const none = await buildTestApp(t, { vms: 1, config: { private_fireedge_endpoint: '' } });
  const b = await none.login('demo', 'demo');
  const res2 = await none.app.inject({ method: 'GET', url: '/auth_fireedge', headers: b.headers });
  assert.equal(res2.statusCode, 400);
  assert.equal(res2.body, '{"token":""}');
  assert.equal(fe.requests.length, 1, 'an empty :private_fireedge_endpoint asks nobody');
});
