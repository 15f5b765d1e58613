// POST /vm/:id/guac/:type: a Guacamole token FireEdge can decrypt with its key (AES-256-CBC, random
// IV, base64 of {"iv","value"}) holding the VM's connection, the info block, and Sunstone's 400s.
import assert from 'node:assert/strict';
import { createDecipheriv } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

const KEY = 'abcdef0123456789abcdef0123456789';

function decrypt(token: string): unknown {
  const { iv, value } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
    iv: string;
    value: string;
  };
  const d = createDecipheriv('aes-256-cbc', Buffer.from(KEY), Buffer.from(iv, 'base64'));
  return JSON.parse(Buffer.concat([d.update(Buffer.from(value, 'base64')), d.final()]).toString('utf8'));
}

function withKey(ta: TestApp, key = KEY): void {
  writeFileSync(join(ta.config.paths.var, '.one', 'fireedge_key'), `${key}\n`);
}

function refresh(ta: TestApp, id: number): void {
  const vm = ta.sim.core.state.vms.get(id);
  assert.ok(vm);
  vm.cache = { short: null, extended: null };
}

test('vnc: the hypervisor VNC server of a running VM, encrypted with fireedge_key', async (t) => {
  const ta = await buildTestApp(t, { vms: 10 });
  withKey(ta);
  const demo = await ta.login('demo', 'demo');
  const res = await ta.app.inject({ method: 'POST', url: '/vm/1/guac/vnc', headers: demo.headers });
  assert.equal(res.statusCode, 200, res.body);
  const body = JSON.parse(res.body) as { token: string; info: string };
  assert.deepEqual(Object.keys(body), ['token', 'info']);
  const vm = ta.sim.core.state.vms.get(1);
  assert.deepEqual(decrypt(body.token), {
    connection: { type: 'vnc', settings: { hostname: vm?.history.at(-1)?.hostname, port: '5901' } },
  });
  const info = JSON.parse(Buffer.from(body.info, 'base64').toString('utf8')) as { id: string };
  assert.equal(info.id, '1');
});

test('rdp and ssh: the NIC marked RDP/SSH="YES" and the context credentials', async (t) => {
  const ta = await buildTestApp(t, { vms: 10 });
  withKey(ta);
  const demo = await ta.login('demo', 'demo');
  const none = await ta.app.inject({ method: 'POST', url: '/vm/1/guac/rdp', headers: demo.headers });
  assert.equal(none.statusCode, 400);
  assert.match(JSON.parse(none.body).error.message, /Cannot find a NIC with RDP="YES"/);

  const vm = ta.sim.core.state.vms.get(1);
  const nic = vm?.template.vector('NIC');
  assert.ok(vm && nic);
  nic.set('RDP', 'YES');
  nic.set('SSH', 'YES');
  vm.template.setVector(
    'CONTEXT',
    new Map([
      ['USERNAME', 'root'],
      ['PASSWORD', 'pw'],
    ]),
  );
  refresh(ta, 1);
  const rdp = await ta.app.inject({ method: 'POST', url: '/vm/1/guac/RDP', headers: demo.headers });
  assert.equal(rdp.statusCode, 200, rdp.body);
  assert.deepEqual(decrypt((JSON.parse(rdp.body) as { token: string }).token), {
    connection: {
      type: 'rdp',
      settings: {
        hostname: nic.get('IP'),
        port: '3389',
        username: 'root',
        password: 'pw',
        security: 'any',
        'ignore-cert': 'true',
        'resize-method': 'display-update',
      },
    },
  });
  const ssh = await ta.app.inject({ method: 'POST', url: '/vm/1/guac/ssh', headers: demo.headers });
  assert.deepEqual(decrypt((JSON.parse(ssh.body) as { token: string }).token), {
    connection: {
      type: 'ssh',
      settings: { hostname: nic.get('IP'), port: '22', username: 'root', password: 'pw' },
    },
  });
});

test("400s: wrong type, wrong state, no fireedge_key or a bad one; 404 for a VM the user can't read", async (t) => {
  const ta = await buildTestApp(t, { vms: 10 });
  const demo = await ta.login('demo', 'demo');
  const post = (url: string) => ta.app.inject({ method: 'POST', url, headers: demo.headers });
  const msg = (r: { body: string }) => (JSON.parse(r.body) as { error: { message: string } }).error.message;

  const noKey = await post('/vm/1/guac/vnc');
  assert.equal(noKey.statusCode, 400);
  assert.match(msg(noKey), /fireedge_key \(not found\)/);
  withKey(ta, 'short');
  const badKey = await post('/vm/1/guac/vnc');
  assert.equal(badKey.statusCode, 400);
  assert.match(msg(badKey), /has 5 bytes, AES-256 needs 32/);
  withKey(ta);

  const type = await post('/vm/1/guac/telnet');
  assert.equal(type.statusCode, 400);
  assert.match(msg(type), /^Wrong type of connection \(telnet\)/);
  const state = await post('/vm/2/guac/vnc');
  assert.equal(state.statusCode, 400);
  assert.equal(msg(state), 'Wrong state (0) to open a Guacamole session');
  const other = await post('/vm/0/guac/vnc');
  assert.equal(other.statusCode, 404);
  const anon = await ta.app.inject({ method: 'POST', url: '/vm/1/guac/vnc' });
  assert.equal(anon.statusCode, 401);
});
