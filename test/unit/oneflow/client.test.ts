// OneFlow URLs and :no_proxy as Sunstone's OneFlow client read them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bypassesProxy, target } from '../../../src/oneflow/client.js';

test("the base URL's path goes in front of the request path, with one slash", () => {
  assert.equal(target('http://localhost:2474/', '/service').href, 'http://localhost:2474/service');
  assert.equal(target('http://localhost:2474', '/service').href, 'http://localhost:2474/service');
  assert.equal(
    target('https://flow.example.com/oneflow/', '/service/3').href,
    'https://flow.example.com/oneflow/service/3',
  );
  assert.throws(() => target('localhost:2474', '/service'), { code: 'SUN_ERR_ONEFLOW_URL' });
  assert.throws(() => target('not a url', '/service'), /:oneflow_server/);
});

test(':no_proxy: names and their subdomains, addresses, CIDRs, *', () => {
  assert.equal(bypassesProxy('localhost', null), false);
  assert.equal(bypassesProxy('localhost', 'localhost,example.com'), true);
  assert.equal(bypassesProxy('flow.example.com', 'example.com'), true);
  assert.equal(bypassesProxy('flow.example.com', '.example.com'), true);
  assert.equal(bypassesProxy('badexample.com', 'example.com'), false);
  assert.equal(bypassesProxy('10.1.2.3', '10.0.0.0/8'), true);
  assert.equal(bypassesProxy('11.1.2.3', '10.0.0.0/8'), false);
  assert.equal(bypassesProxy('192.168.1.5', '192.168.1.5'), true);
  assert.equal(bypassesProxy('[::1]', '::1'), true);
  assert.equal(bypassesProxy('anything', '*'), true);
});
