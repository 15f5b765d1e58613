// POST /:resource/:id/action against the real oned simulator (speed 0: transitions are immediate).
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { buildTestApp, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { onedCalls } from '../../helpers/oned-calls.js';

interface Vm {
  ID: string;
  UNAME: string;
  STATE: string;
  LCM_STATE: string;
}

async function setup(t: TestContext): Promise<TestApp & { demo: LoggedIn; running: Vm }> {
  const h = await buildTestApp(t, { vms: 30 });
  const demo = await h.login('demo', 'demo');
  const vms = (await h.app.inject({ url: '/vm', headers: demo.headers })).json().VM_POOL.VM as Vm[];
  const running = vms.find((v) => v.STATE === '3' && v.LCM_STATE === '3');
  assert.ok(running, 'demo has a RUNNING VM');
  return { ...h, demo, running };
}

test('a legal action is 204 and oned applies it', async (t) => {
  const { app, demo, running } = await setup(t);
  const res = await app.inject({
    method: 'POST',
    url: `/vm/${running.ID}/action`,
    headers: demo.headers,
    payload: { action: { perform: 'poweroff', params: { hard: true } } },
  });
  assert.equal(res.statusCode, 204);
  assert.equal(res.body, '');
  const vm = (await app.inject({ url: `/vm/${running.ID}`, headers: demo.headers })).json().VM as Vm;
  assert.equal(vm.STATE, '8', 'POWEROFF');
});

test("an action illegal in the VM's state is 500 with oned's message", async (t) => {
  const { app, demo, running } = await setup(t);
  const res = await app.inject({
    method: 'POST',
    url: `/vm/${running.ID}/action`,
    headers: demo.headers,
    payload: { action: { perform: 'resume' } },
  });
  assert.equal(res.statusCode, 500);
  assert.equal(
    res.json().error.message,
    '[one.vm.action] Error performing action "resume": This action is not available for state RUNNING',
  );
});

test('the token may come as a top-level JSON key, and curl -d (form content type) JSON works', async (t) => {
  const { app, demo, running } = await setup(t);
  const res = await app.inject({
    method: 'POST',
    url: `/vm/${running.ID}/action`,
    headers: { cookie: demo.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: JSON.stringify({ action: { perform: 'poweroff' }, csrftoken: demo.csrf }),
  });
  assert.equal(res.statusCode, 204, res.body);
});

test('bad parameters are 400 naming the parameter, and oned is not called', async (t) => {
  const { app, demo, running } = await setup(t);
  const cases = [
    [{ action: { perform: 'deploy', params: {} } }, /"host_id" of action deploy is missing/],
    [{ action: { perform: 'deploy', params: { host_id: 'node01' } } }, /"host_id" .* must be an integer/],
    [{ action: { perform: 'terminate', params: { hard: 'maybe' } } }, /"hard" .* must be a boolean/],
    [{ act: { perform: 'hold' } }, /Missing "action" object/],
  ] as const;
  for (const [payload, message] of cases) {
    let res;
    const calls = await onedCalls(async () => {
      res = await app.inject({
        method: 'POST',
        url: `/vm/${running.ID}/action`,
        headers: demo.headers,
        payload,
      });
    });
    assert.ok(res);
    const r = res as { statusCode: number; json(): { error: { message: string } } };
    assert.equal(r.statusCode, 400, JSON.stringify(payload));
    assert.match(r.json().error.message, message);
    assert.deepEqual(calls, [], 'no oned call');
  }
});

test('an unknown perform is 500 with Sunstone message (double space kept)', async (t) => {
  const { app, demo, running } = await setup(t);
  const res = await app.inject({
    method: 'POST',
    url: `/vm/${running.ID}/action`,
    headers: demo.headers,
    payload: { action: { perform: 'frobnicate' } },
  });
  assert.equal(res.statusCode, 500);
  assert.equal(
    res.body,
    '{\n  "error": {\n    "message": "frobnicate action not  available for this resource"\n  }\n}',
  );
});

test('an object that cannot be read is 404 before any action', async (t) => {
  const { app, demo } = await setup(t);
  const calls = await onedCalls(async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/vm/99999/action',
      headers: demo.headers,
      payload: { action: { perform: 'hold' } },
    });
    assert.equal(res.statusCode, 404);
  });
  assert.deepEqual(calls, ['one.vm.info']);
});

test('actions need the CSRF token: 401 csrftoken without it or with a wrong one', async (t) => {
  const { app, demo, running } = await setup(t);
  for (const headers of [{ cookie: demo.cookie }, { cookie: demo.cookie, 'x-csrf-token': 'f'.repeat(64) }]) {
    const res = await app.inject({
      method: 'POST',
      url: `/vm/${running.ID}/action`,
      headers,
      payload: { action: { perform: 'poweroff' } },
    });
    assert.equal(res.statusCode, 401);
    assert.equal(res.body, 'csrftoken');
  }
});

test('actions a kind does not have answer the unknown-action 500 after reading the object', async (t) => {
  const { app, login } = await setup(t);
  const admin = await login('oneadmin', 'opennebula');
  const res = await app.inject({
    method: 'POST',
    url: '/host/0/action',
    headers: admin.headers,
    payload: { action: { perform: 'chown' } },
  });
  assert.equal(res.statusCode, 500);
  assert.match(res.json().error.message, /^chown action not {2}available/);
});
