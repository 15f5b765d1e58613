// The app on a real socket (127.0.0.1, free port) with the real simulator: what a browser or a
// script sees over HTTP, compression and streaming included.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { basic, buildTestApp, type TestAppOptions } from '../helpers/app.js';

async function listening(t: TestContext, opts: TestAppOptions = {}) {
  const h = await buildTestApp(t, opts);
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = h.app.server.address();
  assert.ok(addr !== null && typeof addr === 'object');
  const base = `http://127.0.0.1:${addr.port}`;
  async function login(user: string, password: string) {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { authorization: basic(user, password), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'remember=false',
    });
    assert.equal(res.status, 204);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('sunstone='))
      ?.split(';')[0];
    const csrf = res.headers.get('x-csrf-token');
    assert.ok(cookie && csrf);
    return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
  }
  return { ...h, base, login };
}

test('login, list and act over HTTP with the cookie and the token', async (t) => {
  const { base, login } = await listening(t, { vms: 20 });
  const s = await login('demo', 'demo');
  const res = await fetch(`${base}/vm?pool_filter=-2&csrftoken=${s.csrf}`, { headers: { cookie: s.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json;charset=utf-8');
  const vms = ((await res.json()) as { VM_POOL: { VM: { ID: string; STATE: string }[] } }).VM_POOL.VM;
  const target = vms.find((v) => v.STATE === '3');
  assert.ok(target);
  const act = await fetch(`${base}/vm/${target.ID}/action`, {
    method: 'POST',
    headers: { ...s.headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ action: { perform: 'suspend' } }),
  });
  assert.equal(act.status, 204);
  const logout = await fetch(`${base}/logout`, { method: 'POST', headers: s.headers });
  assert.equal(logout.status, 204);
  const after = await fetch(`${base}/vm`, { headers: s.headers });
  assert.equal(after.status, 401);
  assert.equal(await after.text(), 'csrftoken');
});

test('a big vm pool is streamed, gzip-compressed, and equals the whole pool', async (t) => {
  const { base, login, sim } = await listening(t, { vms: 1500 });
  const s = await login('oneadmin', 'opennebula');
  const res = await fetch(`${base}/vm`, { headers: { ...s.headers, 'accept-encoding': 'gzip' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.equal(res.headers.get('content-length'), null, 'streamed, not buffered');
  const body = (await res.json()) as { VM_POOL: { VM: { ID: string }[] } };
  const live = sim.core.state.vms.list().filter((v) => v.state !== 6).length;
  assert.ok(live >= 1000, 'enough VMs to take the streaming path');
  assert.equal(body.VM_POOL.VM.length, live);
});

test('small JSON is compressed too when big enough, and not when the client does not ask', async (t) => {
  const { base, login } = await listening(t, { vms: 40 });
  const s = await login('oneadmin', 'opennebula');
  const gz = await fetch(`${base}/vm/0`, { headers: { ...s.headers, 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  const plain = await fetch(`${base}/vm/0`, { headers: { ...s.headers, 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.deepEqual(await gz.json(), await plain.json());
});

test('static assets need no session and no token', async (t) => {
  const { base, publicDir } = await listening(t, { vms: 1 });
  writeFileSync(join(publicDir, 'assets', 'app.js'), 'console.log("ui");\n');
  const res = await fetch(`${base}/assets/app.js`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /javascript/);
  assert.equal(await res.text(), 'console.log("ui");\n');
});

test('the simulator going away: 503 with the error JSON on API routes, 500 on login', async (t) => {
  const { base, login, sim } = await listening(t, { vms: 2 });
  const s = await login('oneadmin', 'opennebula');
  await sim.close();
  const res = await fetch(`${base}/vm/0`, { headers: s.headers });
  assert.equal(res.status, 503);
  const body = (await res.json()) as { error: { message: string } };
  assert.match(body.error.message, /oned at http:\/\/127.0.0.1/);
  const again = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { authorization: basic('demo', 'demo') },
  });
  assert.equal(again.status, 500);
});
