// :base_path (issue #3 §3): everything under the prefix, `GET /sunstone` sent to `/sunstone/`, the
// cookie scoped to the prefix, and nothing answered outside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestApp, sessionCookie } from '../../helpers/app.js';

test('GET /sunstone redirects to /sunstone/ (query kept), which is the page', async (t) => {
  const { app } = await buildTestApp(t, { config: { base_path: '/sunstone' } });
  const bare = await app.inject({ url: '/sunstone' });
  assert.equal(bare.statusCode, 301);
  assert.equal(bare.headers.location, '/sunstone/');
  const withQuery = await app.inject({ url: '/sunstone?lang=es#x' });
  assert.equal(withQuery.headers.location, '/sunstone/?lang=es');
  const head = await app.inject({ method: 'HEAD', url: '/sunstone' });
  assert.equal(head.statusCode, 301);
  const page = await app.inject({ url: '/sunstone/' });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(page.body, /name="sunstone-base" content="\/sunstone"/);
});

test('assets, login and the API under the prefix; the cookie is scoped to it', async (t) => {
  const { app, login, publicDir } = await buildTestApp(t, { config: { base_path: '/sunstone' } });
  writeFileSync(join(publicDir, 'assets', 'app.js'), 'console.log(1)\n');
  assert.equal((await app.inject({ url: '/sunstone/assets/app.js' })).statusCode, 200);
  const s = await login('demo', 'demo');
  assert.match(sessionCookie(s.response) ?? '', /; Path=\/sunstone(;|$)/);
  assert.equal((await app.inject({ url: '/sunstone/vm', headers: s.headers })).statusCode, 200);
  const loginPage = await app.inject({ url: '/sunstone/login', headers: { cookie: s.cookie } });
  assert.equal(loginPage.statusCode, 302);
  assert.equal(loginPage.headers.location, '/sunstone/');
});

test('outside the prefix: 404 for the page, login, API and assets alike', async (t) => {
  const { app, login, publicDir } = await buildTestApp(t, { config: { base_path: '/sunstone' } });
  writeFileSync(join(publicDir, 'assets', 'app.js'), 'console.log(1)\n');
  const s = await login('demo', 'demo');
  for (const url of [
    '/',
    '/login',
    '/vm',
    '/assets/app.js',
    '/sunstonex',
    '/sunstonex/vm',
    '/other/sunstone/',
  ]) {
    const res = await app.inject({ url, headers: s.headers });
    assert.equal(res.statusCode, 404, url);
  }
  const post = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { authorization: 'Basic ZGVtbzpkZW1v' },
  });
  assert.equal(post.statusCode, 404);
});

test('at the root (no base path) / is the page and nothing redirects', async (t) => {
  const { app } = await buildTestApp(t);
  const page = await app.inject({ url: '/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /name="sunstone-base" content=""/);
});
