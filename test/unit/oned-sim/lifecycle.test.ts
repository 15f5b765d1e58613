// VM life cycle through the dispatcher, with speed 0 (every transition completes before the call
// returns) and the clock moved by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './fixture.js';

const A = 'oneadmin:opennebula';

function vmOf(f: ReturnType<typeof fixture>, id: number) {
  const vm = f.sim.state.vms.get(id);
  assert.ok(vm, `VM ${id} exists`);
  return vm;
}

function ok(r: unknown): unknown {
  assert.ok(Array.isArray(r) && r[0] === true, JSON.stringify(r));
  return (r as unknown[])[1];
}

test('allocate with the scheduler: PENDING, deployed on the first host that fits, RUNNING, capacity held', () => {
  const f = fixture({ vms: 0 });
  const id = ok(f.call('one.vm.allocate', A, 'NAME = web\nCPU = 2\nMEMORY = 1024')) as number;
  const vm = vmOf(f, id);
  assert.deepEqual([vm.state, vm.lcm], [3, 3]);
  assert.equal(vm.deployId, `one-${id}`);
  const host = f.sim.state.hosts.get(vm.hostId);
  assert.ok(host);
  assert.equal(host.id, 0);
  assert.equal(host.cpuUsage, 200);
  assert.equal(host.memUsage, 1024 * 1024);
  assert.ok(host.vms.has(id));
  assert.equal(vm.history.length, 1);
  assert.equal(vm.history[0]?.hostname, host.name);
  assert.ok(vm.history[0]?.rstime);
});

test('a VM no host can take stays PENDING with the scheduler message; it is placed when capacity allows', () => {
  const f = fixture({ vms: 0 });
  const id = ok(f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 99999999')) as number;
  const vm = vmOf(f, id);
  assert.equal(vm.state, 1);
  assert.match(
    vm.userTemplate.get('SCHED_MESSAGE') ?? '',
    / : No host with enough capacity to deploy the VM$/,
  );
  ok(f.call('one.vm.update', A, id, 'MEMORY = 64', 1));
  assert.equal(vm.userTemplate.get('MEMORY'), '64', 'vm.update edits USER_TEMPLATE only');
});

test('on hold: HOLD until released, then scheduled', () => {
  const f = fixture({ vms: 0 });
  const id = ok(f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 128', true)) as number;
  assert.equal(vmOf(f, id).state, 2);
  ok(f.call('one.vm.action', A, 'release', id));
  assert.deepEqual([vmOf(f, id).state, vmOf(f, id).lcm], [3, 3]);
});

test('hold needs PENDING: without the scheduler a VM stays PENDING and can be held', () => {
  const f = fixture({ vms: 0, scheduler: false });
  const id = ok(f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 128')) as number;
  assert.equal(vmOf(f, id).state, 1);
  ok(f.call('one.vm.action', A, 'hold', id));
  assert.equal(vmOf(f, id).state, 2);
  const again = f.call('one.vm.action', A, 'hold', id) as unknown[];
  assert.deepEqual(again, [
    false,
    '[one.vm.action] Error performing action "hold": This action is not available for state HOLD',
    2048,
    id,
    -1,
  ]);
});

test('deploy: legal from PENDING, refused when RUNNING, enforce checks capacity, unknown host', () => {
  const f = fixture({ vms: 0, scheduler: false });
  const id = ok(f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 128')) as number;
  ok(f.call('one.vm.deploy', A, id, 1));
  const vm = vmOf(f, id);
  assert.deepEqual([vm.state, vm.lcm, vm.hostId], [3, 3, 1]);
  assert.deepEqual(f.call('one.vm.deploy', A, id, 1), [
    false,
    '[one.vm.deploy] Deploy action is not available for state RUNNING',
    2048,
    id,
    -1,
  ]);
  const big = ok(f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 99999999')) as number;
  const r = f.call('one.vm.deploy', A, big, 0, true) as unknown[];
  assert.equal(r[2], 2048);
  assert.match(
    String(r[1]),
    new RegExp(
      `^\\[one.vm.deploy\\] virtual machine \\[${big}\\] does not fit in host \\[0\\]. Not enough memory`,
    ),
  );
  assert.deepEqual((f.call('one.vm.deploy', A, big, 99) as unknown[]).slice(0, 3), [
    false,
    '[one.vm.deploy] Error getting host [99].',
    1024,
  ]);
  const demo = f.call('one.vm.deploy', 'demo:demo', big, 0) as unknown[];
  assert.equal(demo[2], 512);
});

test('poweroff, resume, suspend, stop, resume, undeploy, terminate: states, history and capacity', () => {
  const f = fixture({ vms: 0 });
  const id = ok(f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 512')) as number;
  const vm = vmOf(f, id);
  const host = () => f.sim.state.hosts.get(0);
  ok(f.call('one.vm.action', A, 'poweroff', id));
  assert.deepEqual([vm.state, vm.lcm], [8, 0]);
  assert.equal(vm.history.at(-1)?.action, 19);
  assert.equal(host()?.vms.has(id), true, 'POWEROFF keeps the capacity');
  ok(f.call('one.vm.action', A, 'resume', id));
  assert.deepEqual([vm.state, vm.lcm], [3, 3]);
  assert.equal(vm.history.length, 2);
  ok(f.call('one.vm.action', A, 'suspend', id));
  assert.deepEqual([vm.state, vm.lcm], [5, 0]);
  ok(f.call('one.vm.action', A, 'stop', id));
  assert.deepEqual([vm.state, vm.lcm], [4, 0]);
  assert.equal(host()?.vms.has(id), false, 'STOPPED releases the capacity');
  assert.equal(host()?.cpuUsage, 0);
  ok(f.call('one.vm.action', A, 'resume', id));
  assert.deepEqual([vm.state, vm.lcm], [3, 3], 'resumed to PENDING, then scheduled again');
  ok(f.call('one.vm.action', A, 'undeploy', id));
  assert.deepEqual([vm.state, vm.lcm], [9, 0]);
  ok(f.call('one.vm.action', A, 'resume', id));
  ok(f.call('one.vm.action', A, 'terminate', id));
  assert.deepEqual([vm.state, vm.lcm], [6, 0]);
  assert.equal(vm.etime, f.sim.now());
  assert.ok(vm.history.every((h) => h.etime !== 0));
  assert.equal(vm.history.at(-1)?.action, 27);
  assert.equal(host()?.cpuUsage, 0);
  // terminate on DONE is a no-op success, as in oned.
  assert.deepEqual(f.call('one.vm.action', A, 'terminate', id), [true, id, 0]);
});

test('resched / unresched set RESCHED and need ADMIN; reboot keeps RUNNING; unknown action names', () => {
  const f = fixture({ vms: 0 });
  const id = ok(f.call('one.vm.allocate', 'demo:demo', 'CPU = 1\nMEMORY = 128')) as number;
  assert.deepEqual(f.call('one.vm.action', 'demo:demo', 'resched', id), [
    false,
    `[one.vm.action] User [2] : Not authorized to perform ADMIN VM [${id}].`,
    512,
    id,
    -1,
  ]);
  ok(f.call('one.vm.action', A, 'resched', id));
  assert.equal(vmOf(f, id).resched, 1);
  ok(f.call('one.vm.action', 'demo:demo', 'reboot', id));
  assert.deepEqual([vmOf(f, id).state, vmOf(f, id).lcm, vmOf(f, id).resched], [3, 3, 0]);
  assert.deepEqual(f.call('one.vm.action', 'demo:demo', 'shutdown', id), [
    false,
    '[one.vm.action] Action "shutdown" is not supported',
    2048,
    id,
    -1,
  ]);
});

test('with a speed the transitions take time: PENDING, PROLOG, BOOT, then RUNNING', async () => {
  const f = fixture({ vms: 0, speed: 0.001 });
  const id = ok(f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 128')) as number;
  const vm = vmOf(f, id);
  const now = (): string => `${vm.state}/${vm.lcm}`;
  const seen = new Set<string>([now()]);
  for (let i = 0; i < 500 && now() !== '3/3'; i++) {
    await new Promise((r) => setTimeout(r, 1));
    seen.add(now());
  }
  assert.equal(now(), '3/3');
  assert.ok(seen.has('1/0'), 'the call returned while the VM was still PENDING');
  f.sim.close();
});

test('terminate releases the leases and the images', () => {
  const f = fixture({ vms: 0 });
  const id = ok(f.call('one.template.instantiate', 'demo:demo', 0, '')) as number;
  const vm = vmOf(f, id);
  assert.equal(vm.name, `ubuntu-small-${id}`);
  const lease = vm.leases[0];
  assert.ok(lease);
  const ar = f.sim.state.vnets.get(lease.vnetId)?.ars[0];
  assert.equal(ar?.leases.get(lease.index), id);
  assert.equal(f.sim.state.images.get(0)?.vms.has(id), true);
  ok(f.call('one.vm.action', 'demo:demo', 'terminate-hard', id));
  assert.equal(ar?.leases.has(lease.index), false);
  assert.equal(f.sim.state.images.get(0)?.vms.has(id), false);
});
