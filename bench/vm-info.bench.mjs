// GET /vm/:id through the server vs one.vm.info sent straight to the simulator, same concurrency.
// Target: the server reaches >= 0.8x the floor's requests per second.
import { startServer, startSim } from './lib/procs.mjs';
import { drive, getOk, login, xmlrpc } from './lib/load.mjs';

export const name = 'vm-info';

export async function run({ concurrency = 16, total = 4000 } = {}) {
  const sim = await startSim({ vms: 1000 });
  const server = await startServer(sim);
  try {
    const headers = await login(server.url, 'oneadmin', 'opennebula');
    const ids = (i) => i % 1000;
    const floorCall = (i) => xmlrpc(sim.url, 'one.vm.info', ['oneadmin:opennebula', ids(i), false]);
    const serverCall = (i) => getOk(`${server.url}/vm/${ids(i)}`, headers);
    await drive({ total: 300, concurrency, fn: floorCall });
    await drive({ total: 300, concurrency, fn: serverCall });
    const floor = await drive({ total, concurrency, fn: floorCall });
    const ours = await drive({ total, concurrency, fn: serverCall });
    return [
      {
        scenario: `GET /vm/:id, ${concurrency} clients`,
        floor: `${floor.rps.toFixed(0)} req/s (one.vm.info direct)`,
        server: `${ours.rps.toFixed(0)} req/s (p99 ${ours.p99Ms.toFixed(1)} ms)`,
        ratio: ours.rps / floor.rps,
        target: '>= 0.8x',
        ok: ours.rps / floor.rps >= 0.8,
        errors: floor.errors + ours.errors,
      },
    ];
  } finally {
    await server.close();
    await sim.close();
  }
}
