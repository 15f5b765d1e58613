import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './fixture.js';

const A = 'oneadmin:opennebula';

function snapshot(seed: number): string[] {
  const f = fixture({ seed, vms: 60 });
  const docs = [
    f.call('one.vmpool.infoextended', A, -2, -1, -1, -2),
    f.call('one.hostpool.info', A),
    f.call('one.userpool.info', A),
    f.call('one.vnpool.info', A, -2, -1, -1),
    f.call('one.imagepool.info', A, -2, -1, -1),
  ].map((r) => String((r as unknown[])[1]));
  return [...docs, f.serverPassword];
}

test('the same seed and clock give the same cloud, byte for byte; another seed another cloud', () => {
  const a = snapshot(42);
  assert.deepEqual(snapshot(42), a);
  const b = snapshot(43);
  assert.notEqual(b[0], a[0]);
  assert.notEqual(b[5], a[5]);
});

test('the fixed logins and objects guides rely on', () => {
  const f = fixture({ vms: 30 });
  const s = f.sim.state;
  assert.deepEqual(
    s.users.list().map((u) => [u.id, u.name, u.gid, u.driver]),
    [
      [0, 'oneadmin', 0, 'core'],
      [1, 'serveradmin', 0, 'server_cipher'],
      [2, 'demo', 1, 'core'],
      [3, 'alice', 100, 'core'],
      // The login modes of issue #3 (seed-login-users.ts): remote, x509, TOTP.
      [4, 'carol', 1, 'public'],
      [5, 'dave', 1, 'x509'],
      [6, 'erin', 1, 'core'],
    ],
  );
  assert.match(f.serverPassword, /^[0-9a-f]{64}$/);
  assert.deepEqual(
    s.groups.list().map((g) => g.name),
    ['oneadmin', 'users', 'engineering'],
  );
  const demoVms = s.vms.list().filter((vm) => vm.uid === 2);
  assert.ok(
    demoVms.some((vm) => vm.state === 3 && vm.lcm === 3),
    'demo owns RUNNING VMs',
  );
  assert.ok(
    s.vms.list().every((vm) => vm.perms === 0o600),
    'VMs are um- --- ---',
  );
  const owners = new Set(s.vms.list().map((vm) => vm.uid));
  assert.deepEqual([...owners].sort(), [0, 2, 3]);
  const states = new Set(s.vms.list().map((vm) => vm.state));
  for (const st of [1, 3, 6, 8]) assert.ok(states.has(st), `some VM in state ${st}`);
  // Capacity accounting agrees with the VMs placed on each host.
  for (const h of s.hosts.list()) {
    const cpu = [...h.vms].reduce((n, id) => n + Math.round((s.vms.get(id)?.cpu ?? 0) * 100), 0);
    assert.equal(h.cpuUsage, cpu, h.name);
  }
  // Leases belong to VMs that are not DONE.
  for (const n of s.vnets.list())
    for (const ar of n.ars) for (const vm of ar.leases.values()) assert.notEqual(s.vms.get(vm)?.state, 6);
});

test('20,000 VMs seed and a page of 200 answers', () => {
  const f = fixture({ vms: 20000 });
  assert.equal(f.sim.state.vms.size, 20000);
  const page = String((f.call('one.vmpool.info', 'demo:demo', -2, 0, -200, -1) as unknown[])[1]);
  assert.equal(page.match(/<VM><ID>/g)?.length, 200);
});
