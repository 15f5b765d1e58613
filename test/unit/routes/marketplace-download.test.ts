// GET /marketplaceapp/:id/download with a stand-in VAR/remotes/datastore/downloader.sh in the test's
// ONE_LOCATION: the driver's stdout streamed as an attachment, the marketplace in DRV_ACTION, a 500
// that says the driver is not here when it is absent, a driver failure as a 500 before any byte, and
// Sunstone's @^_^@ marker for the CLI when the driver fails midway.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

function driver(ta: TestApp, script: string): void {
  const dir = join(ta.config.paths.var, 'remotes', 'datastore');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'downloader.sh');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}

const msg = (r: { body: string }) => (JSON.parse(r.body) as { error: { message: string } }).error.message;

test('no downloader.sh here: 500 saying the front-end driver is missing', async (t) => {
  const ta = await buildTestApp(t, { vms: 1 });
  const admin = await ta.login('oneadmin', 'opennebula');
  const res = await ta.app.inject({
    method: 'GET',
    url: '/marketplaceapp/0/download',
    headers: admin.headers,
  });
  assert.equal(res.statusCode, 500);
  assert.match(
    msg(res),
    /downloader\.sh, which is not here \(sunstone-server does not run on the OpenNebula front-end/,
  );
});

test('the driver output as an attachment; SOURCE as argument, the marketplace in DRV_ACTION', async (t) => {
  const ta = await buildTestApp(t, { vms: 1 });
  driver(ta, 'printf "src=%s dst=%s\\n" "$1" "$2"; echo "$DRV_ACTION" | base64 -d; head -c 100000 /dev/zero');
  const admin = await ta.login('oneadmin', 'opennebula');
  const res = await ta.app.inject({
    method: 'GET',
    url: '/marketplaceapp/0/download',
    headers: admin.headers,
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/octet-stream');
  assert.equal(res.headers['content-disposition'], 'attachment; filename="one-marketplaceapp-0"');
  const body = res.rawPayload;
  const text = body.subarray(0, body.indexOf(0)).toString('utf8');
  const app = ta.sim.core.state.marketapps.get(0);
  assert.ok(app);
  assert.ok(text.startsWith(`src=${app.source} dst=-\n`), text.slice(0, 200));
  assert.match(text, /^<DS_DRIVER_ACTION_DATA><MARKETPLACE><ID>0<\/ID>/m);
  assert.ok(text.endsWith('</MARKETPLACE></DS_DRIVER_ACTION_DATA>'));
  assert.equal(body.length - text.length, 100000);
});

test('a driver that fails at once: 500 with its stderr; midway: the CLI gets the marker', async (t) => {
  const ta = await buildTestApp(t, { vms: 1 });
  const admin = await ta.login('oneadmin', 'opennebula');
  driver(ta, 'echo "cannot reach the marketplace" >&2; exit 1');
  const res = await ta.app.inject({
    method: 'GET',
    url: '/marketplaceapp/0/download',
    headers: admin.headers,
  });
  assert.equal(res.statusCode, 500);
  assert.equal(msg(res), 'Cannot download marketplace app 0: cannot reach the marketplace');

  driver(ta, 'printf data; echo "connection reset" >&2; exit 3');
  const cli = await ta.app.inject({
    method: 'GET',
    url: '/marketplaceapp/0/download',
    headers: { ...admin.headers, 'user-agent': 'OpenNebula CLI 6.10.5' },
  });
  assert.equal(cli.statusCode, 200);
  assert.equal(cli.body, 'data@^_^@ connection reset @^_^@');

  const missing = await ta.app.inject({
    method: 'GET',
    url: '/marketplaceapp/999/download',
    headers: admin.headers,
  });
  assert.equal(missing.statusCode, 500);
});
