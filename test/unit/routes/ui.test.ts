// The page tells the UI what the login asks for: :auth (remote and x509 show no password fields)
// and :keep_me_logged, beside the CSRF token and the base path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderIndex } from '../../../src/routes/ui.js';
import { buildTestApp } from '../../helpers/app.js';

const PAGE =
  '<meta name="sunstone-auth" content="__SUNSTONE_AUTH__">' +
  '<meta name="sunstone-keep-me-logged" content="__SUNSTONE_KEEP_ME_LOGGED__">';

test('renderIndex fills :auth and :keep_me_logged; without settings, the config defaults', () => {
  assert.equal(
    renderIndex(PAGE, '', '', { auth: 'remote', keepMeLogged: false }),
    '<meta name="sunstone-auth" content="remote"><meta name="sunstone-keep-me-logged" content="false">',
  );
  assert.equal(
    renderIndex(PAGE, '', ''),
    '<meta name="sunstone-auth" content="opennebula"><meta name="sunstone-keep-me-logged" content="true">',
  );
});

for (const [auth, keep] of [
  ['x509', false],
  ['sunstone', true],
] as const) {
  test(`GET / and GET /login carry :auth ${auth} and :keep_me_logged ${keep} from the config`, async (t) => {
    const { app, publicDir } = await buildTestApp(t, { config: { auth, keep_me_logged: keep } });
    writeFileSync(join(publicDir, 'index.html'), PAGE);
    for (const url of ['/', '/login']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, new RegExp(`name="sunstone-auth" content="${auth}"`), url);
      assert.match(res.body, new RegExp(`name="sunstone-keep-me-logged" content="${keep}"`), url);
    }
  });
}
