// fetchFireEdgeToken against a FireEdge stand-in: the form it sends, data.token read back, and each
// failure (refused credentials, nobody listening, not JSON) as SUN_ERR_FIREEDGE_AUTH naming the URL.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import {
  createFireEdgePool,
  fetchFireEdgeToken,
  fireEdgeAuthUrl,
} from '../../../src/fireedge/auth-client.js';
import { startFireEdgeStub } from '../../helpers/fireedge-stub.js';

test('fireEdgeAuthUrl appends /fireedge/api/auth to the endpoint', () => {
  assert.equal(fireEdgeAuthUrl('http://fe:2616'), 'http://fe:2616/fireedge/api/auth');
  assert.equal(fireEdgeAuthUrl('http://fe:2616/'), 'http://fe:2616/fireedge/api/auth');
});

test('sends user, token (the password) and token2fa; resolves with data.token', async (t) => {
  const fe = await startFireEdgeStub(t, { user: 'demo', password: 'demo', jwt: 'eyJ.jwt.sig' });
  const jwt = await fetchFireEdgeToken(fe.url, { user: 'demo', password: 'demo', token2fa: '123456' });
  assert.equal(jwt, 'eyJ.jwt.sig');
  assert.deepEqual(fe.requests, [{ user: 'demo', token: 'demo', token2fa: '123456' }]);
});

test('refused credentials, nobody listening, an answer without data.token: SUN_ERR_FIREEDGE_AUTH', async (t) => {
  const fe = await startFireEdgeStub(t, { user: 'demo', password: 'demo', jwt: 'x' });
  await assert.rejects(fetchFireEdgeToken(fe.url, { user: 'demo', password: 'bad', token2fa: '' }), {
    code: 'SUN_ERR_FIREEDGE_AUTH',
    message: new RegExp(`^No FireEdge token from ${fe.url}/fireedge/api/auth: it answered 401 for user demo`),
  });

  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((r) => closed.close(() => r()));
  await assert.rejects(
    fetchFireEdgeToken(`http://127.0.0.1:${port}`, { user: 'a', password: 'b', token2fa: '' }),
    { code: 'SUN_ERR_FIREEDGE_AUTH', message: /request failed/ },
  );

  const odd = createServer((_req, res) => res.end('{"data":{}}'));
  await new Promise<void>((r) => odd.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => odd.close(() => r())));
  const oddPort = (odd.address() as AddressInfo).port;
  await assert.rejects(
    fetchFireEdgeToken(`http://127.0.0.1:${oddPort}`, { user: 'a', password: 'b', token2fa: '' }),
    { code: 'SUN_ERR_FIREEDGE_AUTH', message: /the answer has no data\.token/ },
  );
});

test("createFireEdgePool: a pool for the endpoint's origin that the token requests go through", async (t) => {
  const fe = await startFireEdgeStub(t, { user: 'demo', password: 'demo', jwt: 'eyJ.jwt.sig' });
  const pool = createFireEdgePool(`${fe.url}/`);
  t.after(() => pool.close());
  let connections = 0;
  pool.on('connect', () => connections++);
  for (let i = 0; i < 3; i++) {
    const jwt = await fetchFireEdgeToken(
      fe.url,
      { user: 'demo', password: 'demo', token2fa: '' },
      { dispatcher: pool },
    );
    assert.equal(jwt, 'eyJ.jwt.sig');
  }
  assert.equal(fe.requests.length, 3);
  assert.ok(connections >= 1, 'the requests went through the pool, not the global agent');
  assert.equal(pool.closed, false, 'kept open between logins');
});
