// GET /:pool and GET /:resource/:id over the catalogue, against the real oned simulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../helpers/app.js';

type Json = string | null | Json[] | { [k: string]: Json };

/** Every scalar of Sunstone's JSON is a string (reference §4.1). */
function assertAllStrings(v: Json, path = '$'): void {
  if (Array.isArray(v)) v.forEach((x, i) => assertAllStrings(x, `${path}[${i}]`));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) assertAllStrings(x, `${path}.${k}`);
  else assert.equal(typeof v, 'string', `${path} is ${JSON.stringify(v)}`);
}

interface Vm {
  ID: string;
  UID: string;
  GID: string;
  UNAME: string;
  STATE: string;
}

function vmsOf(body: string): Vm[] {
  const pool = (JSON.parse(body) as { VM_POOL: { VM: Vm[] | null } }).VM_POOL;
  assert.ok(pool.VM === null || Array.isArray(pool.VM), 'the vm pool is always an array or null');
  return pool.VM ?? [];
}

test('oneadmin sees every VM; demo sees only what oned lets it see', async (t) => {
  const { app, sim, login } = await buildTestApp(t, { vms: 30 });
  const admin = await login('oneadmin', 'opennebula');
  const demo = await login('demo', 'demo');
  const all = vmsOf((await app.inject({ url: '/vm', headers: admin.headers })).body);
  // one.vmpool.info's state filter -1 leaves out DONE (6) VMs.
  const live = sim.core.state.vms.list().filter((v) => v.state !== 6);
  assert.equal(all.length, live.length);
  assert.deepEqual(
    all.map((v) => Number(v.ID)).sort((a, b) => a - b),
    live.map((v) => v.id).sort((a, b) => a - b),
  );
  assert.ok(new Set(all.map((v) => v.UNAME)).size > 1, 'VMs of several owners');

  const mine = vmsOf((await app.inject({ url: '/vm', headers: demo.headers })).body);
  assert.ok(mine.length > 0 && mine.length < all.length);
  assert.ok(mine.every((v) => v.UNAME === 'demo' || v.GID === mine[0]?.GID));

  const foreign = all.find((v) => v.UNAME === 'alice');
  assert.ok(foreign, 'alice owns a VM');
  const denied = await app.inject({ url: `/vm/${foreign.ID}`, headers: demo.headers });
  assert.equal(denied.statusCode, 404, 'any read error is a 404, authorization included');
  assert.match(denied.json().error.message, /\[one\.vm\.info\]/, "oned's message, unchanged");
});

test('JSON shapes: pools compact, objects pretty, all scalars strings', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 5 });
  const s = await login('oneadmin', 'opennebula');
  for (const kind of [
    'vm',
    'host',
    'user',
    'group',
    'image',
    'vmtemplate',
    'vnet',
    'datastore',
    'cluster',
    'acl',
  ]) {
    const res = await app.inject({ url: `/${kind}?pool_filter=-2`, headers: s.headers });
    assert.equal(res.statusCode, 200, `${kind}: ${res.body}`);
    assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.ok(!res.body.includes('\n  '), `${kind} pool is compact`);
    const body = JSON.parse(res.body) as Record<string, Json>;
    assert.deepEqual(Object.keys(body), [
      `${kind === 'vmtemplate' ? 'VMTEMPLATE' : kind.toUpperCase()}_POOL`,
    ]);
    assertAllStrings(body);
  }
  const one = await app.inject({ url: '/vm/0', headers: s.headers });
  assert.equal(one.statusCode, 200);
  assert.ok(one.body.startsWith('{\n  "VM": {\n    "ID": "0",'), 'objects are pretty-printed as Ruby');
  assertAllStrings(JSON.parse(one.body) as Json);
  const host = await app.inject({ url: '/host/0', headers: s.headers });
  assert.equal((host.json() as { HOST: { ID: string } }).HOST.ID, '0');
});

test('a vm pool of one VM is still an array', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 1 });
  const s = await login('oneadmin', 'opennebula');
  const body = JSON.parse((await app.inject({ url: '/vm', headers: s.headers })).body) as {
    VM_POOL: { VM: Vm[] };
  };
  assert.ok(Array.isArray(body.VM_POOL.VM));
  assert.equal(body.VM_POOL.VM.length, 1);
});

test('unknown kinds are 404 with Sunstone message; bad pool_filter or id are 400 naming them', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 2 });
  const s = await login('oneadmin', 'opennebula');
  const unknown = await app.inject({ url: '/frobnicator', headers: s.headers });
  assert.equal(unknown.statusCode, 404);
  assert.equal(
    unknown.body,
    '{\n  "error": {\n    "message": "Error: frobnicator resource not supported"\n  }\n}',
  );
  assert.equal((await app.inject({ url: '/frobnicator/1', headers: s.headers })).statusCode, 404);

  const bad = await app.inject({ url: '/vm?pool_filter=all', headers: s.headers });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /pool_filter must be an integer, got "all"/);
  const badId = await app.inject({ url: '/vm/seven', headers: s.headers });
  assert.equal(badId.statusCode, 400);
  assert.match(badId.json().error.message, /^id must be an integer/);
});

test('pool_filter is passed to oned: -3 lists only the user own VMs', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 30 });
  const s = await login('oneadmin', 'opennebula');
  const own = vmsOf((await app.inject({ url: '/vm?pool_filter=-3', headers: s.headers })).body);
  const all = vmsOf((await app.inject({ url: '/vm', headers: s.headers })).body);
  assert.ok(own.length > 0 && own.length < all.length);
  assert.ok(own.every((v) => v.UNAME === 'oneadmin'));
});

test('a missing object is 404 with oned message', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 2 });
  const s = await login('oneadmin', 'opennebula');
  const res = await app.inject({ url: '/vm/99999', headers: s.headers });
  assert.equal(res.statusCode, 404);
  assert.match(res.json().error.message, /99999/);
});

test('oned down after login: API routes answer 503 with the error JSON', async (t) => {
  const { app, sim, login } = await buildTestApp(t, { vms: 2 });
  const s = await login('oneadmin', 'opennebula');
  await sim.close();
  for (const url of ['/vm', '/vm/0']) {
    const res = await app.inject({ url, headers: s.headers });
    assert.equal(res.statusCode, 503, url);
    assert.match(res.json().error.message, /oned/);
  }
});

test('GET /config and GET /version', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 1, config: { vnc_proxy_support_wss: 'only' } });
  const version = await app.inject({ url: '/version' });
  assert.equal(version.statusCode, 200);
  assert.equal(version.body, '{"version":"6.10.5"}');
  assert.equal((await app.inject({ url: '/config' })).statusCode, 401, '/config is not public');
  const s = await login('demo', 'demo');
  const res = await app.inject({ url: '/config', headers: s.headers });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), {
    user_config: { lang: 'en_US', vnc_wss: 'yes' },
    system_config: { marketplace_url: null, vnc_proxy_port: 29876 },
  });
});
