// POST /config (reference §3.3): the user's own settings, applied to SELF; the session takes the
// new language; errors are reported (Ruby Sunstone swallowed them and answered 204).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../helpers/app.js';

test('POST /config updates SUNSTONE/* of the session user and the session follows', async (t) => {
  const { app, sim, login } = await buildTestApp(t, { vms: 3 });
  const demo = await login('demo', 'demo');
  const res = await app.inject({
    method: 'POST',
    url: '/config',
    headers: { ...demo.headers, 'content-type': 'application/json' },
    payload: {
      action: {
        perform: 'update',
        params: {
          template_raw: 'SUNSTONE=[ LANG="es_ES", DISPLAY_NAME="Demo D", TABLE_ORDER="asc" ]',
          append: true,
        },
      },
    },
  });
  assert.equal(res.statusCode, 204, res.body);
  const user = sim.core.state.users.list().find((u) => u.name === 'demo');
  assert.match(user?.template.xml('TEMPLATE') ?? '', /<LANG><!\[CDATA\[es_ES\]\]><\/LANG>/);
  const config = await app.inject({ url: '/config', headers: demo.headers });
  assert.equal(config.json().user_config.lang, 'es_ES', 'the session took the new language');

  // Another user is untouched: the action went to SELF.
  const admin = sim.core.state.users.list().find((u) => u.name === 'oneadmin');
  assert.doesNotMatch(admin?.template.xml('TEMPLATE') ?? '', /es_ES/);
});

test('POST /config reports what went wrong instead of answering 204', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 3 });
  const demo = await login('demo', 'demo');
  const post = (payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/config',
      headers: { ...demo.headers, 'content-type': 'application/json' },
      payload: payload as Record<string, unknown>,
    });
  const refused = await post({
    action: { perform: 'update', params: { template_raw: 'SUNSTONE=[ LANG=', append: true } },
  });
  assert.equal(refused.statusCode, 500);
  assert.match(refused.json().error.message, /\[one\.user\.update\]/, "oned's message");
  const unknown = await post({ action: { perform: 'fly', params: {} } });
  assert.equal(unknown.statusCode, 500);
  assert.equal(unknown.json().error.message, 'fly action not  available for this resource');
  const shapeless = await post({ lang: 'es_ES' });
  assert.equal(shapeless.statusCode, 400);
  const untyped = await post({ action: { perform: 'update', params: { template_raw: 42 } } });
  assert.equal(untyped.statusCode, 400);
});
