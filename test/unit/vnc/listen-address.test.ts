// :vnc_proxy_port as websockify read it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseVncProxyPort } from '../../../src/vnc/listen-address.js';

test(':vnc_proxy_port forms', () => {
  assert.deepEqual(parseVncProxyPort('29876', false), { host: '0.0.0.0', port: 29876 });
  assert.deepEqual(parseVncProxyPort('29876', true), { host: '::', port: 29876 });
  assert.deepEqual(parseVncProxyPort('127.0.0.1:5999', false), { host: '127.0.0.1', port: 5999 });
  assert.deepEqual(parseVncProxyPort('[::1]:5999', false), { host: '::1', port: 5999 });
  assert.deepEqual(parseVncProxyPort('::1:5999', false), { host: '::1', port: 5999 });
  assert.deepEqual(
    parseVncProxyPort('29876', false, '127.0.0.1'),
    { host: '127.0.0.1', port: 29876 },
    'follows :host',
  );
  assert.deepEqual(parseVncProxyPort('29876', true, '127.0.0.1'), { host: '127.0.0.1', port: 29876 });
  assert.deepEqual(parseVncProxyPort('10.0.0.1:29876', false, '127.0.0.1'), {
    host: '10.0.0.1',
    port: 29876,
  });
  assert.throws(() => parseVncProxyPort('port', false), { code: 'SUN_ERR_VNC_OPTION' });
  assert.throws(() => parseVncProxyPort('70000', false), /:vnc_proxy_port/);
});
