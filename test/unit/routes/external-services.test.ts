// routes/support.rb, vcenter.rb and nsx.rb: every path answers 501 with an error JSON saying the
// service is not supported (not a 404), for the route files :routes lists; a session is still needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../helpers/app.js';

const PATHS = [
  ['GET', '/support/request', /support requests \(Zendesk\) \(\/support\/\.\.\.\) not supported/],
  ['POST', '/support/request/12/action', /not supported by sunstone-server; use FireEdge or the CLI/],
  ['DELETE', '/support/credentials', /support/],
  ['GET', '/vcenter/templates', /vCenter imports \(\/vcenter\/\.\.\.\) not supported/],
  ['POST', '/vcenter/register_hooks', /vCenter/],
  ['POST', '/nsx/auth', /NSX manager authentication \(\/nsx\/\.\.\.\) not supported/],
] as const;

test('every support, vcenter and nsx path: 501 with a clear error JSON', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 1 });
  const demo = await login('demo', 'demo');
  for (const [method, url, message] of PATHS) {
    const res = await app.inject({ method, url, headers: demo.headers });
    assert.equal(res.statusCode, 501, `${method} ${url}: ${res.body}`);
    assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
    assert.match((JSON.parse(res.body) as { error: { message: string } }).error.message, message);
  }
  const anon = await app.inject({ method: 'GET', url: '/support/request' });
  assert.equal(anon.statusCode, 401, 'a session first, as every API path');
});

test('a route file :routes does not list is not there (as in Sunstone)', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 1, config: { routes: ['oneflow', 'support'] } });
  const demo = await login('demo', 'demo');
  const support = await app.inject({ method: 'GET', url: '/support/check', headers: demo.headers });
  assert.equal(support.statusCode, 501);
  const nsx = await app.inject({ method: 'POST', url: '/nsx/auth', headers: demo.headers });
  assert.notEqual(nsx.statusCode, 501);
});
