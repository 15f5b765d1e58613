import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../../../../src/ui/api/client.js';
import { getSelf } from '../../../../src/ui/api/user-api.js';
import { fakeFetch, json } from './fake-fetch.js';

function api(body: unknown) {
  const f = fakeFetch([json(200, body)]);
  return { api: createApiClient({ base: '', csrfToken: 't', fetch: f.fetch }), sent: f.sent };
}

test('getSelf reads GET /user/-1 without extending the session, preferring DISPLAY_NAME', async () => {
  const named = api({
    USER: { ID: '5', NAME: 'demo', TEMPLATE: { SUNSTONE: { DISPLAY_NAME: 'Demo User' } } },
  });
  assert.deepEqual(await getSelf(named.api), { displayName: 'Demo User' });
  assert.equal(named.sent[0]?.url, '/user/-1?timeout=true');
  assert.deepEqual(await getSelf(api({ USER: { ID: '5', NAME: 'demo', TEMPLATE: {} } }).api), {
    displayName: 'demo',
  });
});

test('getSelf refuses a body that is not a USER document', async () => {
  await assert.rejects(getSelf(api({ VM: {} }).api), { code: 'SUN_ERR_UI_BAD_RESPONSE' });
});
