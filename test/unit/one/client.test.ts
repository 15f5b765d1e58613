import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createOneClient, type OneClientOptions } from '../../../src/one/client.js';
import { decodeCall, encodeFault, encodeResponse, I8, type XmlRpcValue } from '../../../src/one/codec.js';
import { kindByUrl } from '../../../src/one/catalogue.js';
import { ONE_CALL_CHANNEL, type OneCallEvent } from '../../../src/one/types.js';
import type { OneTransport, TransportOptions } from '../../../src/one/transport.js';

interface Seen {
  endpoint: string;
  method: string;
  params: XmlRpcValue[];
}

/** A client over a fake transport that answers with `reply(method, params)`. */
function clientWith(
  reply: (method: string, params: XmlRpcValue[]) => Buffer,
  extra: Partial<OneClientOptions> = {},
) {
  const seen: Seen[] = [];
  const made: TransportOptions[] = [];
  const closed: string[] = [];
  const factory = (o: TransportOptions): OneTransport => {
    made.push(o);
    return {
      endpoint: o.endpoint.replace(/\/\/[^@/]*@/, '//'),
      post: async (_method, body) => {
        const call = decodeCall(body);
        seen.push({ endpoint: o.endpoint, method: call.method, params: call.params });
        return reply(call.method, call.params.slice(1));
      },
      close: async () => void closed.push(o.endpoint),
      destroy: async () => void closed.push(o.endpoint),
    };
  };
  const client = createOneClient({
    endpoint: 'http://127.0.0.1:2633/RPC2',
    timeoutMs: 1000,
    maxConnections: 4,
    pageSize: 200,
    configFile: '/etc/one/sunstone-server.conf',
    transportFactory: factory,
    ...extra,
  });
  return { client, seen, made, closed };
}

const ok = (v: XmlRpcValue) => encodeResponse([true, v, 0]);
const fail = (msg: string, code: number, id = -1) => encodeResponse([false, msg, code, id, new I8(-1)]);

test('call puts the session first and returns element [1]', async () => {
  const { client, seen, made } = clientWith(() => ok('6.10.5'));
  assert.equal(await client.call('oneadmin:pw', 'one.system.version', []), '6.10.5');
  assert.deepEqual(seen[0]?.params, ['oneadmin:pw']);
  assert.equal(made[0]?.timeoutMs, 1000);
  assert.equal(made[0]?.maxConnections, 4);
  assert.equal(made[0]?.configFile, '/etc/one/sunstone-server.conf');
});

test('call: a 5-element failure is a OneError with oned text, code and resp_id', async () => {
  const { client } = clientWith(() => fail('[one.vm.info] Error getting virtual machine [99].', 1024, 99));
  await assert.rejects(client.call('u:p', 'one.vm.info', [99]), (err: Error & Record<string, unknown>) => {
    assert.equal(err.code, 'SUN_ERR_ONE_NO_EXISTS');
    assert.equal(err.message, '[one.vm.info] Error getting virtual machine [99].');
    assert.equal(err.oneCode, 1024);
    assert.equal(err.respId, 99);
    return true;
  });
});

test('call: a 3-element failure (older oned) has resp_id -1', async () => {
  const { client } = clientWith(() => encodeResponse([false, '[one.x] no', 512]));
  await assert.rejects(client.call('u:p', 'one.x', []), { code: 'SUN_ERR_ONE_AUTHORIZATION', respId: -1 });
});

test('call: faults and answers that are not oned arrays are typed errors', async () => {
  let answer = encodeFault(-506, "Method 'one.no.such' not defined");
  const { client } = clientWith(() => answer);
  await assert.rejects(client.call('u:p', 'one.no.such', []), {
    code: 'SUN_ERR_ONE_FAULT',
    faultCode: -506,
    message: "Method 'one.no.such' not defined",
  });
  for (const bad of [
    encodeResponse('x'),
    encodeResponse([1, 2, 3]),
    encodeResponse([true]),
    encodeResponse([false, 1, 'x']),
  ]) {
    answer = bad;
    await assert.rejects(client.call('u:p', 'one.m', []), { code: 'SUN_ERR_ONE_BAD_RESPONSE' });
  }
  answer = Buffer.from('<html><body>hi</body></html>');
  await assert.rejects(client.call('u:p', 'one.m', []), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'SUN_ERR_ONE_XMLRPC_PARSE');
    assert.ok(
      err.message.includes('http://127.0.0.1:2633/RPC2') && err.message.includes('one.m'),
      err.message,
    );
    return true;
  });
});

test('every call is published on sunstone:one:call with duration and outcome, never the session', async () => {
  let t = 0;
  const { client } = clientWith((m) => (m === 'one.vm.info' ? fail('[one.vm.info] no', 1024, 1) : ok('x')), {
    now: () => (t += 5),
    endpoint: 'http://admin:secret@127.0.0.1:2633/RPC2',
  });
  const events: OneCallEvent[] = [];
  const onEvent = (e: unknown) => void events.push(e as OneCallEvent);
  subscribe(ONE_CALL_CHANNEL, onEvent);
  try {
    await client.call('oneadmin:topsecret', 'one.system.version', []);
    await client.call('oneadmin:topsecret', 'one.vm.info', [1]).catch(() => undefined);
  } finally {
    unsubscribe(ONE_CALL_CHANNEL, onEvent);
  }
  assert.deepEqual(events, [
    { method: 'one.system.version', endpoint: 'http://127.0.0.1:2633/RPC2', durationMs: 5, outcome: 'ok' },
    {
      method: 'one.vm.info',
      endpoint: 'http://127.0.0.1:2633/RPC2',
      durationMs: 5,
      outcome: 'SUN_ERR_ONE_NO_EXISTS',
      oneCode: 1024,
    },
  ]);
  assert.ok(!JSON.stringify(events).includes('topsecret') && !JSON.stringify(events).includes('secret@'));
});

test('info: one.<rpc>.info(id[, decrypt]) converted to Sunstone JSON', async () => {
  const { client, seen } = clientWith(() => ok('<VM><ID>7</ID><USER_TEMPLATE/></VM>'));
  const vm = kindByUrl('vm');
  const tpl = kindByUrl('vmtemplate');
  assert.ok(vm && tpl);
  assert.deepEqual(await client.info('u:p', vm, 7), { VM: { ID: '7', USER_TEMPLATE: {} } });
  await client.info('u:p', tpl, 3, { decrypt: true });
  assert.deepEqual(
    seen.map((s) => [s.method, s.params.slice(1)]),
    [
      ['one.vm.info', [7]],
      ['one.template.info', [3, true]],
    ],
  );
});

test('info: a non-string answer and a malformed document are typed errors', async () => {
  let answer = ok(5);
  const { client } = clientWith(() => answer);
  const host = kindByUrl('host');
  assert.ok(host);
  await assert.rejects(client.info('u:p', host, 0), { code: 'SUN_ERR_ONE_BAD_RESPONSE' });
  answer = ok('<HOST><ID>0</HOST>');
  await assert.rejects(client.info('u:p', host, 0), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'SUN_ERR_ONE_XML_PARSE');
    assert.ok(err.message.includes('one.host.info'), err.message);
    return true;
  });
});

test('pool: vm pages through the client with the session on every page', async () => {
  const page = (ids: number[]) => `<VM_POOL>${ids.map((i) => `<VM><ID>${i}</ID></VM>`).join('')}</VM_POOL>`;
  const { client, seen } = clientWith((_m, p) => ok(p[1] === 0 ? page([1, 2]) : page([3])), { pageSize: 2 });
  const vm = kindByUrl('vm');
  assert.ok(vm);
  assert.deepEqual(await client.pool('u:p', vm, -2), {
    VM_POOL: { VM: [{ ID: '1' }, { ID: '2' }, { ID: '3' }] },
  });
  assert.deepEqual(
    seen.map((s) => s.params),
    [
      ['u:p', -2, 0, -2, -1],
      ['u:p', -2, 2, -2, -1],
    ],
  );
});

test('pool: a page size under 2 disables paging, as OCA does', async () => {
  const { client, seen } = clientWith(() => ok('<VM_POOL></VM_POOL>'), { pageSize: 1 });
  const vm = kindByUrl('vm');
  assert.ok(vm);
  assert.deepEqual(await client.pool('u:p', vm, -2), { VM_POOL: {} });
  assert.deepEqual(seen[0]?.params, ['u:p', -2, -1, -1, -1]);
});

test('zones: another endpoint gets its own transport; the map is bounded; close reaches all', async () => {
  const { client, made, closed } = clientWith(() => ok('x'), { maxEndpoints: 2 });
  await client.call('u:p', 'one.system.version', []);
  await client.call('u:p', 'one.system.version', [], { endpoint: 'http://zone1:2633/RPC2' });
  await client.call('u:p', 'one.system.version', [], { endpoint: 'http://zone1:2633/RPC2' });
  assert.deepEqual(
    made.map((m) => m.endpoint),
    ['http://127.0.0.1:2633/RPC2', 'http://zone1:2633/RPC2'],
  );
  await client.call('u:p', 'one.system.version', [], { endpoint: 'http://zone2:2633/RPC2' });
  assert.deepEqual(closed, ['http://127.0.0.1:2633/RPC2'], 'least recently used one closed');
  await client.close();
  assert.deepEqual(closed.sort(), [
    'http://127.0.0.1:2633/RPC2',
    'http://zone1:2633/RPC2',
    'http://zone2:2633/RPC2',
  ]);
  await assert.rejects(client.call('u:p', 'one.system.version', []), { code: 'SUN_ERR_ONE_CLOSED' });
});

test('an endpoint that is not a URL fails at creation, naming the file and key', () => {
  assert.throws(
    () =>
      createOneClient({
        endpoint: 'localhost:2633',
        timeoutMs: 1,
        maxConnections: 1,
        pageSize: 0,
        configFile: '/etc/one/sunstone-server.conf',
      }),
    (err: Error & { code?: string }) =>
      err.code === 'SUN_ERR_ONE_ENDPOINT' &&
      err.message.includes(':one_xmlrpc in /etc/one/sunstone-server.conf'),
  );
});

test('large answers are decoded slice by slice into the converter, with the same result', async () => {
  const doc = `<VM_POOL>${Array.from({ length: 12_000 }, (_, i) => `<VM><ID>${i}</ID><NAME>a &amp; b ${i} é</NAME><E></E></VM>`).join('')}</VM_POOL>`;
  let turns = 0;
  const big = clientWith(() => ok(doc), {
    largeAnswerBytes: 1024,
    pageSize: 0,
    yieldToLoop: async () => void turns++,
  });
  const small = clientWith(() => ok(doc), { pageSize: 0, largeAnswerBytes: 1 << 30 });
  const vm = kindByUrl('vm');
  assert.ok(vm);
  const a = await big.client.pool('u:p', vm, -2, { extended: true });
  const b = await small.client.pool('u:p', vm, -2, { extended: true });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(((a.VM_POOL as Record<string, unknown>).VM as unknown[]).length, 12_000);
  assert.ok(turns > 0, 'the event loop got turns');

  // Failures and non-string answers keep their typed errors on the large path.
  const failing = clientWith(() => fail(`[one.vm.info] ${'x'.repeat(5000)}`, 1024, 3), {
    largeAnswerBytes: 16,
  });
  await assert.rejects(failing.client.info('u:p', vm, 3), { code: 'SUN_ERR_ONE_NO_EXISTS', respId: 3 });
  const number = clientWith(() => ok(42), { largeAnswerBytes: 16 });
  await assert.rejects(number.client.info('u:p', vm, 3), { code: 'SUN_ERR_ONE_BAD_RESPONSE' });
});

test('info and infoText give the same JSON on the sliced path, fast or (a cut inside CDATA) through saxes', async () => {
  const vm = kindByUrl('vm');
  assert.ok(vm);
  const body = (n: number) =>
    `<VM><ID>${n}</ID><NAME>a &amp; "b" é</NAME><USER_TEMPLATE><NOTE><![CDATA[x < y <VM> ${'z'.repeat(n)}]]></NOTE>` +
    `<E/></USER_TEMPLATE><T>${'t'.repeat(n)}</T></VM>`;
  // 100,000: the 64 KiB slices cut inside the CDATA, before its "<VM>": the fast scanner hands over.
  for (const n of [10, 300, 5000, 100_000]) {
    const doc = body(n);
    const sliced = clientWith(() => ok(doc), { largeAnswerBytes: 64 });
    const whole = clientWith(() => ok(doc), { largeAnswerBytes: 1 << 30 });
    assert.deepEqual(
      await sliced.client.info('u:p', vm, 1),
      await whole.client.info('u:p', vm, 1),
      `info ${n}`,
    );
    assert.equal(
      await sliced.client.infoText('u:p', vm, 1),
      await whole.client.infoText('u:p', vm, 1),
      `text ${n}`,
    );
  }
});

test('answers of 4 MiB and more are decoded lazily, slice by slice, with the same result', async () => {
  const vms = Array.from(
    { length: 48_000 },
    (_, i) => `<VM><ID>${i}</ID><NAME>a &amp; b ${i} é</NAME><E/></VM>`,
  );
  const doc = `<VM_POOL>${vms.join('')}</VM_POOL>`;
  assert.ok(Buffer.byteLength(ok(doc)) > 4 * 1024 * 1024);
  const vm = kindByUrl('vm');
  assert.ok(vm);
  const big = clientWith(() => ok(doc), { pageSize: 0 });
  const small = clientWith(() => ok(doc), { pageSize: 0, largeAnswerBytes: 1 << 30 });
  const a = await big.client.pool('u:p', vm, -2, { extended: true });
  assert.equal(JSON.stringify(a), JSON.stringify(await small.client.pool('u:p', vm, -2, { extended: true })));
  assert.equal(await big.client.infoText('u:p', vm, 1), await small.client.infoText('u:p', vm, 1));
});

test('poolText: the same bytes as pool(), pages asked ahead, on the small and the large answer paths', async () => {
  const page = (from: number, n: number) =>
    `<VM_POOL>${Array.from({ length: n }, (_, i) => `<VM><ID>${from + i}</ID><N>a &amp; "b" é</N></VM>`).join('')}</VM_POOL>`;
  const reply = (_m: string, p: XmlRpcValue[]) => {
    const offset = p[1] as number;
    return ok(page(offset, offset < 6 ? 3 : 1));
  };
  const vm = kindByUrl('vm');
  assert.ok(vm);
  const expected = JSON.stringify(await clientWith(reply, { pageSize: 3 }).client.pool('u:p', vm, -2));
  for (const largeAnswerBytes of [1 << 30, 64]) {
    const { client, seen } = clientWith(reply, { pageSize: 3, largeAnswerBytes });
    const text = await client.poolText('u:p', vm, -2);
    assert.ok('pieces' in text, 'more than one page: written in pieces');
    let joined = '';
    for await (const piece of text.pieces) joined += piece;
    assert.equal(joined, expected, `largeAnswerBytes ${largeAnswerBytes}`);
    assert.deepEqual(
      seen.map((s) => s.params),
      [0, 3, 6].map((offset) => ['u:p', -2, offset, -3, -1]),
      'each page once, the short last one ends it',
    );
  }
});

test('poolText: a long page is converted with turns of the event loop (the next page is asked meanwhile)', async () => {
  const page = `<VM_POOL>${Array.from({ length: 1500 }, (_, i) => `<VM><ID>${i}</ID><NAME>vm-${i}</NAME></VM>`).join('')}</VM_POOL>`;
  assert.ok(page.length > 32 * 1024);
  let turns = 0;
  const { client } = clientWith(() => ok(page), { pageSize: 2000, yieldToLoop: async () => void turns++ });
  const vm = kindByUrl('vm');
  assert.ok(vm);
  const text = await client.poolText('u:p', vm, -2);
  assert.ok('whole' in text);
  assert.equal((JSON.parse(text.whole.toString()) as { VM_POOL: { VM: unknown[] } }).VM_POOL.VM.length, 1500);
  assert.ok(turns >= 2, `${turns} turns`);
});
