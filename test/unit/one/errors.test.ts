import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ONE_ERROR_CODES,
  OneAbortedError,
  OneBadResponseError,
  OneClosedError,
  OneEndpointError,
  OneError,
  OneFaultError,
  OneHttpError,
  OnePoolTooLargeError,
  OneResetError,
  OneResponseTooLargeError,
  OneTimeoutError,
  OneUnreachableError,
  OneXmlParseError,
  OneXmlRpcParseError,
  isTransportError,
} from '../../../src/one/errors.js';
import { XmlRpcParseError } from '../../../src/one/codec.js';

// oned-xmlrpc.md §1.4: every code oned sends, with a message of the kind oned writes (§1.5).
const ONED_CODES: [number, string, string][] = [
  [256, 'AUTHENTICATION', "[one.vm.info] User couldn't be authenticated, aborting call."],
  [512, 'AUTHORIZATION', '[one.vm.action] User [2] : Not authorized to perform MANAGE VM [7].'],
  [1024, 'NO_EXISTS', '[one.vm.info] Error getting virtual machine [42].'],
  [
    2048,
    'ACTION',
    '[one.vm.action] Error performing action "suspend": This action is not available for state PENDING',
  ],
  [4096, 'XML_RPC_API', '[one.vmpool.info] Incorrect filter_flag'],
  [8192, 'INTERNAL', '[one.user.allocate] NAME is already taken by USER 3.'],
  [16384, 'ALLOCATE', '[one.vm.allocate] Error allocating a new virtual machine. x'],
  [32768, 'LOCKED', '[one.vm.action] The resource virtual machine is locked. [7].'],
  [65536, 'REPLICATION', '[one.vm.allocate] Cannot replicate log record on followers'],
];

test('each oned code maps to its own stable code, keeping oned message, code and resp_id', () => {
  for (const [num, name, message] of ONED_CODES) {
    const err = new OneError('one.vm.info', message, num, 42);
    assert.equal(err.code, `SUN_ERR_ONE_${name}`);
    assert.equal(err.oneCode, num);
    assert.equal(err.oneName, name);
    assert.equal(err.message, message, 'oned text unchanged');
    assert.equal(err.respId, 42);
    assert.equal(err.method, 'one.vm.info');
    assert.ok(ONE_ERROR_CODES.includes(err.code as (typeof ONE_ERROR_CODES)[number]), err.code);
    assert.equal(isTransportError(err), false, 'oned answered: not a transport error');
  }
});

test('an oned code this client does not know is SUN_ERR_ONE_UNKNOWN, number kept', () => {
  const err = new OneError('one.x.y', 'strange', 0xf001, -1);
  assert.equal(err.code, 'SUN_ERR_ONE_UNKNOWN');
  assert.equal(err.oneCode, 0xf001);
  assert.equal(err.oneName, 'UNKNOWN');
});

test('faults keep faultCode and faultString', () => {
  const err = new OneFaultError('one.no.such', -506, "Method 'one.no.such' not defined");
  assert.equal(err.code, 'SUN_ERR_ONE_FAULT');
  assert.equal(err.faultCode, -506);
  assert.equal(err.message, "Method 'one.no.such' not defined");
  assert.equal(isTransportError(err), false);
});

test('transport errors: 503, name the endpoint and what to check, and are told apart', () => {
  const ctx = { endpoint: 'http://127.0.0.1:2633/RPC2', configFile: '/etc/one/sunstone-server.conf' };
  const refused = new OneUnreachableError(ctx, 'connection refused');
  assert.equal(
    refused.message,
    'cannot reach oned at http://127.0.0.1:2633/RPC2 (connection refused); check :one_xmlrpc in ' +
      '/etc/one/sunstone-server.conf and that oned is running',
  );
  const all = [
    refused,
    new OneResetError(ctx, 'connection reset'),
    new OneTimeoutError(ctx, 1500),
    new OneHttpError(ctx, 500),
    new OneXmlRpcParseError(ctx, 'one.vm.info', 'expected <methodResponse>'),
  ];
  assert.deepEqual(
    all.map((e) => e.code),
    [
      'SUN_ERR_ONE_UNREACHABLE',
      'SUN_ERR_ONE_RESET',
      'SUN_ERR_ONE_TIMEOUT',
      'SUN_ERR_ONE_HTTP',
      'SUN_ERR_ONE_XMLRPC_PARSE',
    ],
  );
  for (const e of all) {
    assert.equal(e.statusCode, 503, e.code);
    assert.ok(e.message.includes('http://127.0.0.1:2633/RPC2'), e.message);
    assert.ok(isTransportError(e), e.code);
  }
  assert.ok(
    all[2]?.message.includes('1.5 s') &&
      all[2].message.includes(':one_xmlrpc_timeout in /etc/one/sunstone-server.conf'),
  );
  assert.ok(all[3]?.message.includes('HTTP 500'));
  // Without a known file the message still names the key.
  assert.ok(
    new OneUnreachableError({ endpoint: 'http://h:2633/RPC2' }, 'x').message.includes(
      ':one_xmlrpc in sunstone-server.conf',
    ),
  );
  // The codec's own parse error has the same code, so it counts as well.
  assert.ok(isTransportError(new XmlRpcParseError('bad')));
  assert.equal(isTransportError(new Error('x')), false);
  assert.equal(isTransportError(null), false);
  assert.equal(isTransportError('SUN_ERR_ONE_RESET'), false);
});

test('every class uses a code from ONE_ERROR_CODES, and the list has no duplicates', () => {
  const ctx = { endpoint: 'http://h:2633/RPC2' };
  const errs = [
    new OneBadResponseError(ctx, 'm', 'x'),
    new OneResponseTooLargeError(ctx, 10),
    new OneXmlParseError('doc', 'bad'),
    new OneAbortedError(ctx, 'm'),
    new OneClosedError('http://h:2633/RPC2'),
    new OneEndpointError('nope', '/etc/one/sunstone-server.conf'),
    new OnePoolTooLargeError('one.vmpool.info', 10),
  ];
  for (const e of errs)
    assert.ok(ONE_ERROR_CODES.includes(e.code as (typeof ONE_ERROR_CODES)[number]), e.code);
  assert.equal(new Set(ONE_ERROR_CODES).size, ONE_ERROR_CODES.length);
  assert.ok(errs[5]?.message.includes(':one_xmlrpc in /etc/one/sunstone-server.conf'));
});
