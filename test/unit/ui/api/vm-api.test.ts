import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../../../../src/ui/api/client.js';
import { getVm, listVms, performVmAction } from '../../../../src/ui/api/vm-api.js';
import { empty, fakeFetch, json } from './fake-fetch.js';

function client(...answers: Response[]) {
  const f = fakeFetch(answers);
  return { api: createApiClient({ base: '', csrfToken: 't', fetch: f.fetch }), sent: f.sent };
}

test('listVms reads every pool shape of §4.2: array, null, one object, {}', async () => {
  const { api } = client(
    json(200, { VM_POOL: { VM: [{ ID: '1' }, { ID: '2' }] } }),
    json(200, { VM_POOL: { VM: null } }),
    json(200, { VM_POOL: { VM: { ID: '3' } } }),
    json(200, { VM_POOL: {} }),
  );
  assert.deepEqual(await listVms(api), [{ ID: '1' }, { ID: '2' }]);
  assert.deepEqual(await listVms(api), []);
  assert.deepEqual(await listVms(api), [{ ID: '3' }]);
  assert.deepEqual(await listVms(api), []);
});

test('listVms asks for pool_filter=-2, and timeout=true only on automatic refreshes', async () => {
  const { api, sent } = client(json(200, { VM_POOL: { VM: null } }), json(200, { VM_POOL: { VM: null } }));
  await listVms(api);
  await listVms(api, { background: true });
  assert.equal(sent[0]?.url, '/vm?pool_filter=-2');
  assert.equal(sent[1]?.url, '/vm?pool_filter=-2&timeout=true');
});

test('a body without VM_POOL is BAD_RESPONSE', async () => {
  const { api } = client(json(200, { HOST_POOL: {} }));
  await assert.rejects(listVms(api), { code: 'SUN_ERR_UI_BAD_RESPONSE' });
});

test('getVm unwraps {"VM":{...}}', async () => {
  const { api, sent } = client(json(200, { VM: { ID: '7', NAME: 'x' } }));
  assert.deepEqual(await getVm(api, '7', { background: true }), { ID: '7', NAME: 'x' });
  assert.equal(sent[0]?.url, '/vm/7?timeout=true');
});

test('performVmAction posts {"action":{"perform","params"}} (§4.6)', async () => {
  const { api, sent } = client(empty(204));
  await performVmAction(api, '7', 'poweroff', { hard: false });
  assert.equal(sent[0]?.url, '/vm/7/action');
  assert.equal(sent[0]?.method, 'POST');
  assert.deepEqual(JSON.parse(sent[0]?.body ?? ''), {
    action: { perform: 'poweroff', params: { hard: false } },
  });
});
