// POST /vm/:id/startvmrc: vCenter VMs only (400 otherwise), answer {"info"} as Sunstone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../helpers/app.js';

test('a KVM VM is refused; a running vCenter VM gets its info block', async (t) => {
  const { app, login, sim } = await buildTestApp(t, { vms: 10 });
  const demo = await login('demo', 'demo');
  const kvm = await app.inject({ method: 'POST', url: '/vm/1/startvmrc', headers: demo.headers });
  assert.equal(kvm.statusCode, 400);
  assert.match(JSON.parse(kvm.body).error.message, /only available for vCenter VMs/);

  const vm = sim.core.state.vms.get(1);
  assert.ok(vm);
  vm.userTemplate.set('HYPERVISOR', 'vcenter');
  vm.cache = { short: null, extended: null };
  const res = await app.inject({ method: 'POST', url: '/vm/1/startvmrc', headers: demo.headers });
  assert.equal(res.statusCode, 200, res.body);
  const body = JSON.parse(res.body) as { info: string };
  assert.deepEqual(Object.keys(body), ['info']);
  assert.equal((JSON.parse(Buffer.from(body.info, 'base64').toString('utf8')) as { id: string }).id, '1');

  const off = await app.inject({ method: 'POST', url: '/vm/2/startvmrc', headers: demo.headers });
  assert.equal(off.statusCode, 400);
  assert.equal(JSON.parse(off.body).error.message, 'Wrong state (0) to open a VMRC session');
});
