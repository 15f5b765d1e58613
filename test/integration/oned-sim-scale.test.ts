// 20,000 VMs: the simulator starts with them and serves pages of 200 over the socket (the bench
// measures speed; this checks the answers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../src/oned-sim/main.js';
import { doc, ok, poolIds } from './oned-sim-rpc.js';

test('a simulator with 20,000 VMs starts and pages through them, 200 at a time', async (t) => {
  const sim = await startSimulator({ port: 0, vms: 20000, speed: 0 });
  t.after(() => sim.close());
  assert.equal(sim.core.state.vms.size, 20000);
  const first = poolIds(await doc(sim.url, 'one.vmpool.info', 'oneadmin:opennebula', -2, 0, -200, -2), 'VM');
  assert.deepEqual(
    first,
    Array.from({ length: 200 }, (_, i) => 19999 - i),
  );
  const last = poolIds(
    await doc(sim.url, 'one.vmpool.info', 'oneadmin:opennebula', -2, 19900, -200, -2),
    'VM',
  );
  assert.deepEqual(
    last,
    Array.from({ length: 100 }, (_, i) => 99 - i),
  );
  const demo = poolIds(await doc(sim.url, 'one.vmpool.info', 'demo:demo', -2, 0, -200, -1), 'VM');
  assert.equal(demo.length, 200);
  assert.ok(demo.every((id) => sim.core.state.vms.get(id)?.uid === 2));
  // A change shows in the next page: the cached body is dropped.
  const running = demo.find((id) => sim.core.state.vms.get(id)?.lcm === 3);
  assert.ok(running !== undefined);
  await doc(sim.url, 'one.vm.info', 'demo:demo', running);
  await ok(sim.url, 'one.vm.action', 'demo:demo', 'poweroff', running);
  const again = await doc(sim.url, 'one.vmpool.info', 'demo:demo', -2, 0, -200, -1);
  assert.match(again, new RegExp(`<VM><ID>${running}</ID>.*?<STATE>8</STATE>`));
});
