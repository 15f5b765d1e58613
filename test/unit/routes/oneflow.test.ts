// The OneFlow proxy against a OneFlow stand-in on loopback: requests forwarded as Sunstone does
// (paths, bodies without csrftoken, serveradmin Basic auth carrying the user's token, User-Agent),
// answers passed through (status and body), OneFlow errors inside Sunstone's error JSON, an
// unreachable OneFlow 503, a silent one 504; the zone's ONEFLOW_ENDPOINT after a ZONENAME switch.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { buildTestApp } from '../../helpers/app.js';
import { startOneFlowStub } from '../../helpers/oneflow-stub.js';

function basicAuth(header: string | undefined): [string, string] {
  const text = Buffer.from((header ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
  const i = text.indexOf(':');
  return [text.slice(0, i), text.slice(i + 1)];
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

test('passthrough: status and body unchanged, as the user, with Sunstone’s auth and User-Agent', async (t) => {
  const flow = await startOneFlowStub(t);
  const { app, login } = await buildTestApp(t, { vms: 1, config: { oneflow_server: flow.url } });
  const demo = await login('demo', 'demo');
  const pool = '{"DOCUMENT_POOL":{"DOCUMENT":[{"ID":"7","NAME":"web"}]}}';
  flow.answer = () => ({ status: 200, body: pool });
  const res = await app.inject({ method: 'GET', url: '/service', headers: demo.headers });
  assert.equal(res.statusCode, 200);
  assert.equal(res.body, pool);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  const seen = flow.requests.at(-1);
  assert.ok(seen);
  assert.equal(seen.method, 'GET');
  assert.equal(seen.url, '/service');
  assert.equal(seen.headers['user-agent'], 'OpenNebula 6.10.5 (Sunstone)');
  const [user, password] = basicAuth(seen.headers.authorization);
  assert.equal(user, 'serveradmin');
  assert.match(password, /^demo:.+/, 'password = <user>:<server_cipher token>');

  flow.answer = () => ({ status: 201, body: '{"DOCUMENT":{"ID":"8"}}' });
  const created = await app.inject({
    method: 'POST',
    url: '/service_template',
    headers: { cookie: demo.cookie, 'content-type': 'application/json;charset=utf-8' },
    payload: JSON.stringify({ csrftoken: demo.csrf, name: 'web', roles: [] }),
  });
  assert.equal(created.statusCode, 201);
  assert.equal(created.body, '{"DOCUMENT":{"ID":"8"}}');
  const post = flow.requests.at(-1);
  assert.equal(post?.url, '/service_template');
  assert.deepEqual(JSON.parse(post?.body ?? ''), { name: 'web', roles: [] }, 'csrftoken is not forwarded');
  assert.equal(post?.headers['content-type'], 'application/json;charset=utf-8');
});

test('every route goes where Sunstone sends it, under the base URL’s path', async (t) => {
  const flow = await startOneFlowStub(t);
  const { app, login } = await buildTestApp(t, { vms: 1, config: { oneflow_server: `${flow.url}flow/` } });
  const demo = await login('demo', 'demo');
  flow.answer = () => ({ status: 204, body: '' });
  const json = { ...demo.headers, 'content-type': 'application/json' };
  const cases: Array<[string, string, string]> = [
    ['GET', '/service/3', '/flow/service/3'],
    ['PUT', '/service/3', '/flow/service/3'],
    ['DELETE', '/service/3', '/flow/service/3'],
    ['POST', '/service/3/action', '/flow/service/3/action'],
    ['POST', '/service/3/scale', '/flow/service/3/scale'],
    ['POST', '/service/3/role/web%20tier/action', '/flow/service/3/role/web%20tier/action'],
    ['PUT', '/service/3/role/db', '/flow/service/3/role/db'],
    ['POST', '/service/purge', '/flow/service_pool/purge_done'],
    ['POST', '/service/3/role_action', '/flow/service/3/role_action'],
    ['GET', '/service_template', '/flow/service_template'],
    ['GET', '/service_template/5', '/flow/service_template/5'],
    ['DELETE', '/service_template/5', '/flow/service_template/5'],
    ['POST', '/service_template/5/action', '/flow/service_template/5/action'],
  ];
  for (const [method, url, expected] of cases) {
    const withBody = method !== 'GET' && !(method === 'DELETE' && url.startsWith('/service/'));
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: withBody ? json : demo.headers,
      ...(withBody ? { payload: JSON.stringify({ action: { perform: 'x', params: { n: 1 } } }) } : {}),
    });
    assert.equal(res.statusCode, 204, `${method} ${url}: ${res.body}`);
    const seen = flow.requests.at(-1);
    assert.equal(`${seen?.method} ${seen?.url}`, `${method} ${expected}`);
    if (withBody)
      assert.deepEqual(JSON.parse(seen?.body ?? ''), { action: { perform: 'x', params: { n: 1 } } });
  }
});

test("OneFlow's error status comes back with its body inside Sunstone's error JSON", async (t) => {
  const flow = await startOneFlowStub(t);
  const { app, login } = await buildTestApp(t, { vms: 1, config: { oneflow_server: flow.url } });
  const demo = await login('demo', 'demo');
  flow.answer = () => ({ status: 404, body: '{"error":{"message":"Service 9 not found"}}' });
  const res = await app.inject({ method: 'GET', url: '/service/9', headers: demo.headers });
  assert.equal(res.statusCode, 404);
  assert.equal(
    res.body,
    JSON.stringify({ error: { message: '{"error":{"message":"Service 9 not found"}}' } }, null, 2),
  );
  flow.answer = () => ({ status: 500, body: 'boom' });
  const failed = await app.inject({ method: 'POST', url: '/service/9/action', headers: demo.headers });
  assert.equal(failed.statusCode, 500);
  assert.deepEqual(JSON.parse(failed.body), { error: { message: 'boom' } });
});

test('OneFlow unreachable: 503 with the connection error and host:port', async (t) => {
  const port = await closedPort();
  const { app, login } = await buildTestApp(t, {
    vms: 1,
    config: { oneflow_server: `http://127.0.0.1:${port}/` },
  });
  const demo = await login('demo', 'demo');
  const res = await app.inject({ method: 'GET', url: '/service', headers: demo.headers });
  assert.equal(res.statusCode, 503);
  assert.equal(
    JSON.parse(res.body).error.message,
    `Error connecting to server (Connection refused - connect(2) for "127.0.0.1" port ${port}).\nServer: 127.0.0.1:${port}`,
  );
});

test('OneFlow silent: 504 once the timeout passes', async (t) => {
  const flow = await startOneFlowStub(t);
  const { app, login } = await buildTestApp(t, {
    vms: 1,
    config: { oneflow_server: flow.url },
    oneflow: { timeoutMs: 200 },
  });
  const demo = await login('demo', 'demo');
  flow.answer = () => 'hang';
  const res = await app.inject({ method: 'GET', url: '/service_template', headers: demo.headers });
  assert.equal(res.statusCode, 504);
  assert.match(
    JSON.parse(res.body).error.message,
    /^Error timeout while connected to server .*\nServer: 127\.0\.0\.1:\d+$/s,
  );
});

test("after a ZONENAME switch the zone's ONEFLOW_ENDPOINT is used", async (t) => {
  const local = await startOneFlowStub(t);
  const zoned = await startOneFlowStub(t);
  const { app, login, sim } = await buildTestApp(t, { vms: 1, config: { oneflow_server: local.url } });
  const zone = sim.core.state.zones.get(0);
  assert.ok(zone);
  zone.template.set('ONEFLOW_ENDPOINT', zoned.url);
  const demo = await login('demo', 'demo');
  const res = await app.inject({
    method: 'GET',
    url: '/service',
    headers: { ...demo.headers, zonename: zone.name },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(zoned.requests.length, 1);
  assert.equal(local.requests.length, 0);
});

test('no session: 401 csrftoken and nothing forwarded; :routes without oneflow: no proxy', async (t) => {
  const flow = await startOneFlowStub(t);
  const { app } = await buildTestApp(t, { vms: 1, config: { oneflow_server: flow.url } });
  const res = await app.inject({ method: 'GET', url: '/service' });
  assert.equal(res.statusCode, 401);
  assert.equal(flow.requests.length, 0);

  const other = await buildTestApp(t, { vms: 1, config: { oneflow_server: flow.url, routes: ['vcenter'] } });
  const demo = await other.login('demo', 'demo');
  const off = await other.app.inject({ method: 'GET', url: '/service', headers: demo.headers });
  assert.notEqual(off.statusCode, 200);
  assert.equal(flow.requests.length, 0);
});
