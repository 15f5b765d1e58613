import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import {
  I8,
  decodeCall,
  decodeResponse,
  encodeCall,
  encodeFault,
  encodeResponse,
  type XmlRpcValue,
} from '../../../src/one/codec.js';
import { SHARED } from '../../shared.js';

test('encodeCall then decodeCall round-trips every type', () => {
  const params: XmlRpcValue[] = [
    'oneadmin:pass <&>',
    7,
    -1,
    true,
    false,
    1.5,
    [1, 'a', [true]],
    { a: 1, 'b<': 'x&y' },
    '',
    'snow ☃ and 😀',
  ];
  const call = decodeCall(encodeCall('one.vm.info', params));
  assert.equal(call.method, 'one.vm.info');
  assert.deepEqual(call.params, params);
});

test('encodeResponse writes what xmlrpc-c writes, byte for byte', () => {
  const body = encodeResponse([true, '6.10.5', 0]).toString('utf8');
  assert.equal(
    body,
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<methodResponse>\r\n<params>\r\n<param><value><array><data>\r\n' +
      '<value><boolean>1</boolean></value>\r\n<value><string>6.10.5</string></value>\r\n<value><i4>0</i4></value>\r\n' +
      '</data></array></value></param>\r\n</params>\r\n</methodResponse>\r\n',
  );
});

test('failure arrays carry an <i8> replication index', () => {
  const body = encodeResponse([false, 'msg', 1024, 99, new I8(-1)]).toString('utf8');
  assert.match(body, /<value><i8>-1<\/i8><\/value>/);
  const r = decodeResponse(Buffer.from(body));
  assert.deepEqual(r, { fault: false, value: [false, 'msg', 1024, 99, -1] });
});

test('faults decode to code and message', () => {
  const r = decodeResponse(encodeFault(-501, 'Not enough parameters'));
  assert.deepEqual(r, { fault: true, code: -501, message: 'Not enough parameters' });
});

test('untyped values are strings; <int>, <nil/>, <base64>, empty <string/> and entities decode', () => {
  const xml =
    '<?xml version="1.0"?><methodResponse><params><param><value><array><data>' +
    '<value>plain &amp; untyped</value><value><int>42</int></value><value><nil/></value>' +
    '<value><base64>aGVsbG8=</base64></value><value><string/></value>' +
    '<value><string>&#233;&#x2603;&#x1F600;&quot;&apos;&lt;&gt;</string></value>' +
    '<value><array><data></data></array></value>' +
    '</data></array></value></param></params></methodResponse>';
  const r = decodeResponse(Buffer.from(xml));
  assert.deepEqual(r, { fault: false, value: ['plain & untyped', 42, null, 'hello', '', 'é☃😀"\'<>', []] });
});

test('malformed documents throw SUN_ERR_ONE_XMLRPC_PARSE naming the problem', () => {
  for (const bad of [
    '',
    '<html><body>500</body></html>',
    '<methodResponse><params><param><value><i4>x</i4></value>',
  ]) {
    assert.throws(
      () => decodeResponse(Buffer.from(bad)),
      (e: { code?: string; message: string }) =>
        e.code === 'SUN_ERR_ONE_XMLRPC_PARSE' && /malformed XML-RPC/.test(e.message),
    );
  }
});

const samples = SHARED && `${SHARED}/reference/oned-samples/xmlrpc`;
test(
  'decodes every raw exchange recorded from a real oned 6.10.5',
  {
    skip:
      !samples || !existsSync(samples)
        ? 'needs ../shared/reference/oned-samples (absent in a user clone)'
        : false,
  },
  () => {
    for (const name of readdirSync(samples as string)) {
      const raw = readFileSync(`${samples}/${name}`);
      if (name.endsWith('.request.xml')) {
        const call = decodeCall(raw);
        assert.match(call.method, /^(one|system)\./, name);
        continue;
      }
      const body = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
      const r = decodeResponse(body);
      if (name.startsWith('unknown_method')) {
        assert.deepEqual(r, { fault: true, code: -506, message: "Method 'one.no.such.method' not defined" });
      } else {
        assert.equal(r.fault, false, name);
        if (!r.fault) assert.ok(Array.isArray(r.value), name);
        // Re-encoding what oned sent gives oned's bytes back.
        if (!r.fault && Array.isArray(r.value) && r.value[0] === false) {
          const v = r.value.slice();
          v[4] = new I8(v[4] as number);
          assert.equal(encodeResponse(v).toString('utf8'), body.toString('utf8'), name);
        } else if (!r.fault) {
          assert.equal(encodeResponse(r.value).toString('utf8'), body.toString('utf8'), name);
        }
      }
    }
  },
);
