import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boolean, integer, isAddressOrCidr, oneOf, url } from '../../../src/config/checks.js';

test('integers also come as quoted decimal text, as Ruby callers accepted', () => {
  assert.deepEqual(integer(1, 65535)('9869'), { ok: true, value: 9869 });
  assert.equal(integer(1, 65535)('9869x').ok, false);
  assert.equal(integer(1, 65535)(1.5).ok, false);
  assert.deepEqual(integer(1, 65535)(null), { ok: true, value: undefined });
});

test('booleans: YAML booleans and the same words quoted', () => {
  assert.deepEqual(boolean()('Yes'), { ok: true, value: true });
  assert.deepEqual(boolean()('off'), { ok: true, value: false });
  assert.equal(boolean()('maybe').ok, false);
});

test('oneOf maps YAML booleans back to words only when told to', () => {
  assert.equal(oneOf(['a', 'b'])(false).ok, false);
  assert.deepEqual(oneOf(['no', 'yes'], { fromBoolean: { true: 'yes', false: 'no' } })(true), {
    ok: true,
    value: 'yes',
  });
});

test('url needs a listed scheme and a host', () => {
  const check = url(['http', 'https'], 'http://HOST/');
  assert.equal(check('http://h:1/RPC2').ok, true);
  assert.equal(check('https://h').ok, true);
  assert.equal(check('tcp://h:1').ok, false);
  assert.equal(check('http://').ok, false);
  assert.equal(check('h:2633').ok, false);
});

test('isAddressOrCidr', () => {
  for (const good of ['127.0.0.1', '127.0.0.1/8', '::1', 'fd00::/8', '0.0.0.0/0', '::/128'])
    assert.ok(isAddressOrCidr(good), good);
  for (const bad of ['localhost', '10.0.0.0/33', '::1/129', '10.0.0.1/', '10.0.0.1/a', '300.1.1.1']) {
    assert.ok(!isAddressOrCidr(bad), bad);
  }
});
