import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from '../../../../src/ui/api/client.js';
import {
  basicCredentials,
  csrfFromPage,
  login,
  logout,
  retryAfterSeconds,
  type BasicLogin,
} from '../../../../src/ui/api/session-api.js';
import { empty, fakeFetch, json } from './fake-fetch.js';

const input = { basic: { user: 'demo', password: 'demo' }, remember: false };

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? 'no code';
  }
  return 'resolved';
}

test('Basic credentials are base64 of the UTF-8 bytes, as Sunstone sends them', () => {
  assert.equal(basicCredentials('demo', 'demo'), `Basic ${Buffer.from('demo:demo').toString('base64')}`);
  assert.equal(
    basicCredentials('jürgen', 'pä:ss'),
    `Basic ${Buffer.from('jürgen:pä:ss', 'utf8').toString('base64')}`,
  );
});

test('204: the new CSRF token comes from the X-CSRF-Token header; the old one is not sent', async () => {
  const { fetch, sent } = fakeFetch([empty(204, { 'X-CSRF-Token': 'new-token' })]);
  const api = createApiClient({ base: '', csrfToken: 'stale', fetch });
  assert.deepEqual(await login(api, { ...input, remember: true }), { kind: 'ok' });
  assert.equal(api.csrfToken(), 'new-token');
  assert.equal(sent[0]?.url, '/login');
  assert.equal(sent[0]?.method, 'POST');
  assert.equal(sent[0]?.headers.Authorization, basicCredentials('demo', 'demo'));
  assert.equal(sent[0]?.headers['X-CSRF-Token'], undefined);
  assert.equal(sent[0]?.body, 'remember=true');
});

test('204 without the header: the token is read from the page the server renders', async () => {
  const page = '<meta name="sunstone-csrf" content="from-page" />';
  const { fetch, sent } = fakeFetch([empty(204), empty(200, {}, page)]);
  const api = createApiClient({ base: '/b', csrfToken: '', fetch });
  await login(api, input);
  assert.equal(sent[1]?.url, '/b/');
  assert.equal(api.csrfToken(), 'from-page');
});

test('202 two_factor_auth asks for the code; the code goes as two_factor_auth_token', async () => {
  const { fetch, sent } = fakeFetch([
    json(202, { code: 'two_factor_auth', uid: 3 }),
    empty(204, { 'X-CSRF-Token': 't' }),
  ]);
  const api = createApiClient({ base: '', csrfToken: '', fetch });
  assert.deepEqual(await login(api, input), { kind: 'two-factor' });
  await login(api, { ...input, twoFactorToken: '123456' });
  assert.equal(sent[1]?.body, 'remember=false&two_factor_auth_token=123456');
});

test('401 is rejected credentials; 500 is OpenNebula not running; no answer is NO_ANSWER', async () => {
  const api = (r: Response | Error) =>
    createApiClient({ base: '', csrfToken: '', fetch: fakeFetch([r]).fetch });
  assert.equal(await code(login(api(empty(401)), input)), 'SUN_ERR_UI_LOGIN_REJECTED');
  assert.equal(await code(login(api(empty(500)), input)), 'SUN_ERR_UI_LOGIN_UNAVAILABLE');
  assert.equal(await code(login(api(new TypeError('down')), input)), 'SUN_ERR_UI_NO_ANSWER');
});

test('remote and x509 modes: no Authorization header, the web server names the user', async () => {
  const { fetch, sent } = fakeFetch([empty(204, { 'X-CSRF-Token': 't' })]);
  const api = createApiClient({ base: '', csrfToken: '', fetch });
  assert.deepEqual(await login(api, { basic: null, remember: true }), { kind: 'ok' });
  assert.equal(sent[0]?.headers.Authorization, undefined);
  assert.equal(sent[0]?.body, 'remember=true');
});

test("401: the server's own text (a wrong two-factor code), else what an empty 401 means", async () => {
  const rejected = async (r: Response, basic: BasicLogin | null) => {
    const api = createApiClient({ base: '', csrfToken: '', fetch: fakeFetch([r]).fetch });
    try {
      await login(api, { basic, remember: false, twoFactorToken: '123456' });
    } catch (err) {
      assert.equal((err as { code?: string }).code, 'SUN_ERR_UI_LOGIN_REJECTED');
      return (err as Error).message;
    }
    return assert.fail('login resolved');
  };
  assert.equal(
    await rejected(empty(401, {}, 'Two factor authentication failed'), input.basic),
    'Two factor authentication failed',
  );
  assert.equal(await rejected(empty(401), input.basic), 'Wrong username or password.');
  assert.match(await rejected(empty(401), null), /could not tell who you are/);
  // A proxy's HTML page is not shown as the reason.
  assert.equal(
    await rejected(empty(401, {}, '<html>401</html>'), input.basic),
    'Wrong username or password.',
  );
});

test('429: too many failed logins, the wait from Retry-After in whole minutes', async () => {
  const limited = async (headers: Record<string, string>) => {
    const api = createApiClient({ base: '', csrfToken: '', fetch: fakeFetch([empty(429, headers)]).fetch });
    try {
      await login(api, input);
    } catch (err) {
      assert.equal((err as { code?: string }).code, 'SUN_ERR_UI_LOGIN_LIMITED');
      return (err as Error).message;
    }
    return assert.fail('login resolved');
  };
  assert.equal(await limited({ 'Retry-After': '240' }), 'Too many failed logins; try again in 4 minutes');
  assert.equal(await limited({ 'Retry-After': '241' }), 'Too many failed logins; try again in 5 minutes');
  assert.equal(await limited({ 'Retry-After': '7' }), 'Too many failed logins; try again in 1 minute');
  assert.equal(await limited({}), 'Too many failed logins; try again later');
  assert.equal(retryAfterSeconds('Wed, 21 Oct 2026 07:28:00 GMT'), undefined);
  assert.equal(retryAfterSeconds(' 30 '), 30);
});

test('csrfFromPage ignores an unfilled placeholder', () => {
  assert.equal(csrfFromPage('<meta name="sunstone-csrf" content="__SUNSTONE_CSRF__">'), '');
  assert.equal(csrfFromPage('<p>no meta</p>'), '');
});

test('logout sends the token and forgets it; an already ended session counts as logged out', async () => {
  const { fetch, sent } = fakeFetch([empty(204), empty(401)]);
  const api = createApiClient({ base: '', csrfToken: 'tok', fetch });
  await logout(api);
  assert.equal(sent[0]?.headers['X-CSRF-Token'], 'tok');
  assert.equal(api.csrfToken(), '');
  api.setCsrfToken('again');
  await logout(api);
});
