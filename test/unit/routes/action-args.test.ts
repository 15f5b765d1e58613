import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionArgs, actionParams, readActionBody } from '../../../src/routes/action-args.js';
import {
  CATALOGUE,
  actionOf,
  isCallAction,
  kindByUrl,
  type ActionParam,
  type CallAction,
} from '../../../src/one/catalogue.js';

const vm = kindByUrl('vm');
assert.ok(vm);

function spec(name: string): CallAction {
  const s = actionOf(vm!, name);
  assert.ok(s && isCallAction(s), name);
  return s;
}

test('the body shape is checked and named in the 400', () => {
  for (const body of [
    undefined,
    null,
    'x',
    {},
    { action: 'hold' },
    { action: {} },
    { action: { perform: 7 } },
  ]) {
    assert.throws(() => readActionBody(body), { code: 'SUN_ERR_ROUTE_BAD_PARAMETER', statusCode: 400 });
  }
  assert.throws(() => readActionBody({ action: { perform: 'hold', params: [1] } }), /action.params/);
  assert.deepEqual(readActionBody({ action: { perform: 'hold' } }), { perform: 'hold', params: {} });
});

test('deploy: host_id required, integers may come as strings, defaults apply', () => {
  const deploy = spec('deploy');
  assert.throws(() => actionParams(deploy, {}), /"host_id" of action deploy is missing/);
  const params = actionParams(deploy, { host_id: '3' });
  assert.deepEqual(actionArgs(deploy, 7, params), [7, 3, false, -1, '']);
  assert.deepEqual(actionArgs(deploy, 7, actionParams(deploy, { host_id: 2, enforce: 'true', ds_id: 0 })), [
    7,
    2,
    true,
    0,
    '',
  ]);
});

test('wrong types are a 400 naming the parameter and the value', () => {
  const deploy = spec('deploy');
  assert.throws(() => actionParams(deploy, { host_id: 'abc' }), {
    code: 'SUN_ERR_ROUTE_BAD_PARAMETER',
    message: /"host_id" of action deploy must be an integer, got "abc"/,
  });
  assert.throws(() => actionParams(deploy, { host_id: 1.5 }), /must be an integer/);
  assert.throws(() => actionParams(spec('terminate'), { hard: 'yes' }), /"hard" .* must be a boolean/);
});

test('hard variants pick "<name>-hard" from the hard flag', () => {
  const terminate = spec('terminate');
  assert.deepEqual(actionArgs(terminate, 4, actionParams(terminate, {})), ['terminate', 4]);
  assert.deepEqual(actionArgs(terminate, 4, actionParams(terminate, { hard: true })), ['terminate-hard', 4]);
  assert.deepEqual(actionArgs(spec('hold'), 4, actionParams(spec('hold'), { ignored: 1 })), ['hold', 4]);
});

/** A valid value of a parameter's type (addresses for the vnet lease parameters). */
function sample(p: ActionParam): unknown {
  switch (p.type) {
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      return p.name === 'ip' || p.name === 'addr' ? '10.0.0.1' : 's';
    case 'octet':
      return '640';
    case 'integer-list':
      return [1];
    case 'object':
      return { A: 'b' };
  }
}

test('every catalogue action builds its arguments from declared parameters only', () => {
  for (const kind of CATALOGUE) {
    for (const a of kind.actions.filter(isCallAction)) {
      const given = Object.fromEntries(a.params.map((p) => [p.name, sample(p)]));
      assert.doesNotThrow(() => actionArgs(a, 1, actionParams(a, given)), `${kind.url}.${a.name}`);
    }
  }
});
