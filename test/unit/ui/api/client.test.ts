import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../../../../src/ui/api/client.js';
import { empty, fakeFetch, json } from './fake-fetch.js';

async function rejectsWith(p: Promise<unknown>, code: string, status?: number): Promise<Error> {
  try {
    await p;
  } catch (err) {
    assert.equal((err as { code?: string }).code, code);
    if (status !== undefined) assert.equal((err as { statusCode?: number }).statusCode, status);
    return err as Error;
  }
  assert.fail(`expected ${code}`);
}

test('calls go below the base path and carry the CSRF token header', async () => {
  const { fetch, sent } = fakeFetch([json(200, { ok: true })]);
  const api = createApiClient({ base: '/sunstone/', csrfToken: 'tok', fetch });
  await api.callJson({ method: 'GET', path: '/vm', query: { pool_filter: '-2' } });
  assert.equal(sent[0]?.url, '/sunstone/vm?pool_filter=-2');
  assert.equal(sent[0]?.headers['X-CSRF-Token'], 'tok');
});

test('a JSON body is sent as application/json', async () => {
  const { fetch, sent } = fakeFetch([empty(204)]);
  const api = createApiClient({ base: '', csrfToken: 't', fetch });
  await api.call({ method: 'POST', path: '/vm/1/action', json: { action: { perform: 'resume' } } });
  assert.match(sent[0]?.headers['Content-Type'] ?? '', /^application\/json/);
  assert.equal(sent[0]?.body, '{"action":{"perform":"resume"}}');
});

test('no token, no header (before login)', async () => {
  const { fetch, sent } = fakeFetch([json(200, {})]);
  await createApiClient({ base: '', csrfToken: '', fetch }).callJson({ method: 'GET', path: '/x' });
  assert.equal(sent[0]?.headers['X-CSRF-Token'], undefined);
});

test('401 means the session is gone', async () => {
  const { fetch } = fakeFetch([empty(401, {}, 'csrftoken')]);
  const api = createApiClient({ base: '', csrfToken: 't', fetch });
  await rejectsWith(api.call({ method: 'GET', path: '/vm' }), 'SUN_ERR_UI_SESSION_EXPIRED', 401);
});

test("503 is OpenNebula unreachable, with the server's message", async () => {
  const { fetch } = fakeFetch([json(503, { error: { message: 'cannot reach oned at 127.0.0.1:2633' } })]);
  const api = createApiClient({ base: '', csrfToken: 't', fetch });
  const err = await rejectsWith(api.call({ method: 'GET', path: '/vm' }), 'SUN_ERR_UI_ONE_UNREACHABLE', 503);
  assert.equal(err.message, 'cannot reach oned at 127.0.0.1:2633');
});

test("a refused action carries oned's message unchanged", async () => {
  const message =
    '[one.vm.action] Error performing action "poweroff": This action is not available for state POWEROFF';
  const { fetch } = fakeFetch([json(500, { error: { message } })]);
  const api = createApiClient({ base: '', csrfToken: 't', fetch });
  const err = await rejectsWith(
    api.call({ method: 'POST', path: '/vm/3/action', json: {} }),
    'SUN_ERR_UI_REQUEST_REFUSED',
    500,
  );
  assert.equal(err.message, message);
});

test('an error without a JSON body names the status and the request', async () => {
  const { fetch } = fakeFetch([empty(502, {}, '<html>Bad gateway</html>')]);
  const api = createApiClient({ base: '', csrfToken: 't', fetch });
  const err = await rejectsWith(api.call({ method: 'GET', path: '/vm' }), 'SUN_ERR_UI_REQUEST_REFUSED', 502);
  assert.match(err.message, /HTTP 502 to GET \/vm/);
});

test('no answer at all is NO_ANSWER, naming the URL', async () => {
  const { fetch } = fakeFetch([new TypeError('fetch failed')]);
  const api = createApiClient({ base: '/s', csrfToken: 't', fetch });
  const err = await rejectsWith(api.call({ method: 'GET', path: '/vm' }), 'SUN_ERR_UI_NO_ANSWER');
  assert.match(err.message, /\/s\/vm/);
});

test('a 200 that is not JSON is BAD_RESPONSE (e.g. a wrong base path serving HTML)', async () => {
  const { fetch } = fakeFetch([empty(200, {}, '<!doctype html>')]);
  const api = createApiClient({ base: '', csrfToken: 't', fetch });
  await rejectsWith(api.callJson({ method: 'GET', path: '/vm' }), 'SUN_ERR_UI_BAD_RESPONSE');
});
