// GET /vm for 1,000 and 20,000 VMs vs the same paged one.vmpool.info fetch sent straight to the
// simulator. Targets: <= 1.5x the floor's median time; no event-loop stall over 50 ms in the server.
import { startServer, startSim } from './lib/procs.mjs';
import { getOk, login, median, xmlrpc } from './lib/load.mjs';

export const name = 'vm-pool';

const PAGE = 200; // ONE_POOL_PAGE_SIZE default, as the server uses

async function pagedFetch(url) {
  let bytes = 0;
  for (let offset = 0; ; offset += PAGE) {
    const xml = await xmlrpc(url, 'one.vmpool.info', ['oneadmin:opennebula', -2, offset, -PAGE, -1]);
    bytes += xml.length;
    const count = xml.split('<VM>').length - 1;
    if (count < PAGE) return bytes;
  }
}

async function timed(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function run({ sizes = [1000, 20000], runs = 5 } = {}) {
  const rows = [];
  for (const vms of sizes) {
    const sim = await startSim({ vms });
    const server = await startServer(sim);
    try {
      const headers = await login(server.url, 'oneadmin', 'opennebula');
      await pagedFetch(sim.url);
      await getOk(`${server.url}/vm?pool_filter=-2`, headers);
      const floor = await timed(() => pagedFetch(sim.url), runs);
      await server.resetStats();
      const ours = await timed(() => getOk(`${server.url}/vm?pool_filter=-2`, headers), runs);
      const { eldMaxMs } = await server.stats();
      rows.push({
        scenario: `GET /vm, ${vms} VMs (median of ${runs})`,
        floor: `${floor.toFixed(0)} ms (paged one.vmpool.info direct)`,
        server: `${ours.toFixed(0)} ms, longest event-loop stall ${eldMaxMs.toFixed(0)} ms`,
        ratio: ours / floor,
        target: '<= 1.5x, stall <= 50 ms',
        ok: ours / floor <= 1.5 && eldMaxMs <= 50,
        errors: 0,
      });
    } finally {
      await server.close();
      await sim.close();
    }
  }
  return rows;
}
