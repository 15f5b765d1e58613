// POST /vm/:id/startvnc against the simulator: Sunstone's answer for a running VM (password, token,
// info as Ruby's Base64.encode64 of the VM summary), its 400s for a VM in the wrong state or without
// VNC, 404 for a VM the user cannot read, and the token kept in the session store for that user.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../helpers/app.js';

interface StartVnc {
  password: string | null;
  token: string;
  info: string;
}

test('a running VM: password, a token for this user and VM, and the info block', async (t) => {
  const { app, login, sim } = await buildTestApp(t, { vms: 10 });
  const demo = await login('demo', 'demo');
  const vm = sim.core.state.vms.get(1);
  assert.ok(vm && vm.state === 3 && vm.lcm === 3, 'VM 1 is demo’s and RUNNING in this seed');
  const res = await app.inject({ method: 'POST', url: '/vm/1/startvnc', headers: demo.headers });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  const body = JSON.parse(res.body) as StartVnc;
  assert.deepEqual(Object.keys(body), ['password', 'token', 'info']);
  assert.equal(body.password, null, 'no GRAPHICS/PASSWD: JSON null, as Sunstone');
  assert.match(body.token, /^[0-9a-f]{32}$/);
  // Ruby's Base64.encode64: 60-character lines, each ending in a newline.
  assert.ok(body.info.endsWith('\n'));
  for (const line of body.info.split('\n').slice(0, -2)) assert.equal(line.length, 60);
  const info = JSON.parse(Buffer.from(body.info, 'base64').toString('utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(info), ['id', 'name', 'state', 'start_time', 'networks']);
  assert.equal(info.id, '1');
  assert.equal(info.name, vm.name);
  assert.equal(info.state, 'RUNNING');
  assert.equal(info.start_time, String(vm.stime));
  const ips = vm.template.vectors('NIC').map((n) => n.get('IP'));
  assert.deepEqual(info.networks, ips);
  const ticket = await app.vnc.tokens.open(body.token, 'demo');
  assert.deepEqual(ticket, { user: 'demo', vm: 1, host: vm.history.at(-1)?.hostname, port: 5901 });
});

test('the password is GRAPHICS/PASSWD when the VM has one', async (t) => {
  const { app, login, sim } = await buildTestApp(t, { vms: 10 });
  const vm = sim.core.state.vms.get(1);
  assert.ok(vm);
  vm.template.vector('GRAPHICS')?.set('PASSWD', 's3cret');
  vm.cache = { short: null, extended: null };
  const demo = await login('demo', 'demo');
  const res = await app.inject({ method: 'POST', url: '/vm/1/startvnc', headers: demo.headers });
  assert.equal((JSON.parse(res.body) as StartVnc).password, 's3cret');
});

test("Sunstone's 400s: wrong state, no VNC configured", async (t) => {
  const { app, login, sim } = await buildTestApp(t, { vms: 10 });
  const demo = await login('demo', 'demo');
  assert.equal(sim.core.state.vms.get(2)?.lcm, 0, 'VM 2 is POWEROFF (LCM_INIT)');
  const off = await app.inject({ method: 'POST', url: '/vm/2/startvnc', headers: demo.headers });
  assert.equal(off.statusCode, 400);
  assert.deepEqual(JSON.parse(off.body), { error: { message: 'Wrong state (0) to open a VNC session' } });

  const vm = sim.core.state.vms.get(4);
  assert.ok(vm && vm.lcm === 3);
  vm.template.remove('GRAPHICS');
  vm.cache = { short: null, extended: null };
  const none = await app.inject({ method: 'POST', url: '/vm/4/startvnc', headers: demo.headers });
  assert.equal(none.statusCode, 400);
  assert.deepEqual(JSON.parse(none.body), { error: { message: 'VM has no VNC configured' } });

  vm.template.setVector('GRAPHICS', new Map([['TYPE', 'SDL']]));
  vm.cache = { short: null, extended: null };
  const sdl = await app.inject({ method: 'POST', url: '/vm/4/startvnc', headers: demo.headers });
  assert.equal(JSON.parse(sdl.body).error.message, 'VM has no VNC configured');
});

test("a VM the user cannot read is 404 with oned's message; no session or CSRF token is 401", async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 10 });
  const demo = await login('demo', 'demo');
  const other = await app.inject({ method: 'POST', url: '/vm/0/startvnc', headers: demo.headers });
  assert.equal(other.statusCode, 404);
  assert.match(JSON.parse(other.body).error.message, /Not authorized/);
  const missing = await app.inject({ method: 'POST', url: '/vm/9999/startvnc', headers: demo.headers });
  assert.equal(missing.statusCode, 404);
  const noCsrf = await app.inject({
    method: 'POST',
    url: '/vm/1/startvnc',
    headers: { cookie: demo.cookie },
  });
  assert.equal(noCsrf.statusCode, 401);
  const bad = await app.inject({ method: 'POST', url: '/vm/x/startvnc', headers: demo.headers });
  assert.equal(bad.statusCode, 400);
});
