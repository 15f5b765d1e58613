// The dispatcher's faults and failures, byte-compatible with what oned's xmlrpc-c layer answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, encodeCall } from '../../../src/one/codec.js';
import { CATALOGUE } from '../../../src/one/catalogue.js';
import { fixture } from './fixture.js';

const A = 'oneadmin:opennebula';

test('unknown methods are fault -506, before authentication', () => {
  const f = fixture();
  assert.deepEqual(f.call('one.no.such.method', 'x:y'), {
    fault: -506,
    message: "Method 'one.no.such.method' not defined",
  });
});

test('arity and types are -501 faults, as xmlrpc-c paramList reports them', () => {
  const f = fixture();
  assert.deepEqual(f.call('one.system.version'), { fault: -501, message: 'Not enough parameters' });
  assert.deepEqual(f.call('one.system.version', 5), {
    fault: -501,
    message: 'Parameter that is supposed to be a string is not',
  });
  assert.deepEqual(f.call('one.vm.info', A), { fault: -501, message: 'Not enough parameters' });
  assert.deepEqual(f.call('one.vm.info', A, '0'), {
    fault: -501,
    message: 'Parameter that is supposed to be integer is not',
  });
  assert.deepEqual(f.call('one.vm.info', A, 0, 1), {
    fault: -501,
    message: 'Parameter that is supposed to be boolean is not',
  });
  assert.deepEqual(f.call('one.vm.action', A, 0, 'poweroff'), {
    fault: -501,
    message: 'Parameter that is supposed to be a string is not',
  });
  assert.deepEqual(f.call('one.user.allocate', A, 'u', 'p', '', 'x'), {
    fault: -501,
    message: 'Parameter that is supposed to be an array is not',
  });
  assert.deepEqual(f.call('one.vm.info', A, 2 ** 40), {
    fault: -501,
    message: 'Parameter that is supposed to be integer is not',
  });
  // Extra parameters are ignored, as oned never checks for the end of the list.
  assert.equal((f.call('one.system.version', A, 1, 2) as unknown[])[0], true);
});

test('template.instantiate reads hold and extra_template together: one without the other is a fault', () => {
  const f = fixture();
  assert.deepEqual(f.call('one.template.instantiate', A, 0, '', true), {
    fault: -501,
    message: 'Not enough parameters',
  });
  assert.equal((f.call('one.template.instantiate', A, 0, '', false, '') as unknown[])[0], true);
});

test('authentication comes before parameter checks; its failure is the 5-element array', () => {
  const f = fixture();
  assert.deepEqual(f.call('one.vm.info', 'oneadmin:bad'), [
    false,
    "[one.vm.info] User couldn't be authenticated, aborting call.",
    256,
    -1,
    -1,
  ]);
});

test('a body that is not an XML-RPC call is a parse fault, not a dropped connection', () => {
  const f = fixture();
  const r = decodeResponse(f.dispatcher.handle(Buffer.from('<html>nope</html>')));
  assert.equal(r.fault, true);
  assert.equal(r.fault && r.code, -503);
});

test('every kind of the catalogue has its info and pool methods', () => {
  const f = fixture();
  for (const kind of CATALOGUE) {
    assert.ok(f.dispatcher.methods.includes(`one.${kind.rpc}.info`), kind.rpc);
    assert.ok(f.dispatcher.methods.includes(kind.pool.method), kind.pool.method);
    const params = kind.pool.filtered ? [-2, -1, -1, ...(kind.pool.extraArgs ?? [])] : [];
    const r = f.call(kind.pool.method, A, ...params) as unknown[];
    assert.equal(r[0], true, `${kind.pool.method}: ${JSON.stringify(r)}`);
    assert.match(String(r[1]), new RegExp(`^<${kind.poolElement}>`));
  }
  assert.deepEqual(f.call('one.vrouter.info', A, 4), [
    false,
    '[one.vrouter.info] Error getting virtual router [4].',
    1024,
    4,
    -1,
  ]);
});

test('success answers are oned arrays: ids as <i4>, documents as escaped strings', () => {
  const f = fixture();
  const raw = f.dispatcher.handle(encodeCall('one.user.info', [A, 0])).toString('utf8');
  assert.match(
    raw,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\r\n<methodResponse>\r\n<params>\r\n<param><value><array><data>\r\n<value><boolean>1<\/boolean><\/value>\r\n<value><string>&lt;USER&gt;&lt;ID&gt;0&lt;\/ID&gt;/,
  );
  assert.match(
    raw,
    /<\/string><\/value>\r\n<value><i4>0<\/i4><\/value>\r\n<\/data><\/array><\/value><\/param>\r\n<\/params>\r\n<\/methodResponse>\r\n$/,
  );
});
