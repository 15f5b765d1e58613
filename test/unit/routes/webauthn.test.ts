// WebAuthn is not supported: both endpoints answer as Ruby Sunstone without its WebAuthn gem (501 ''),
// the login page's one without a session, the enrolment one only for logged-in users.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../helpers/app.js';

test('webauthn_options_for_get: 501 with an empty body, no session needed', async (t) => {
  const { app } = await buildTestApp(t, { vms: 1 });
  const res = await app.inject({ method: 'GET', url: '/webauthn_options_for_get?uid=2' });
  assert.equal(res.statusCode, 501);
  assert.equal(res.body, '');
});

test('webauthn_options_for_create: 401 csrftoken without a session, 501 with one', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 1 });
  const anon = await app.inject({ method: 'GET', url: '/webauthn_options_for_create' });
  assert.equal(anon.statusCode, 401);
  assert.equal(anon.body, 'csrftoken');
  const demo = await login('demo', 'demo');
  const res = await app.inject({ method: 'GET', url: '/webauthn_options_for_create', headers: demo.headers });
  assert.equal(res.statusCode, 501);
  assert.equal(res.body, '');
});
