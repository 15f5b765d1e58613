// Server memory (RSS) after 10,000 logins and repeated 20,000-VM lists. Target: <= 200 MB.
import { startServer, startSim } from './lib/procs.mjs';
import { drive, getOk, login } from './lib/load.mjs';

export const name = 'memory';

export async function run({ logins = 10000, lists = 5 } = {}) {
  const sim = await startSim({ vms: 20000 });
  const server = await startServer(sim);
  try {
    const before = (await server.stats()).rssMb;
    const users = [
      ['oneadmin', 'opennebula'],
      ['demo', 'demo'],
    ];
    const r = await drive({ total: logins, concurrency: 16, fn: (i) => login(server.url, ...users[i % 2]) });
    const afterLogins = await server.stats();
    const headers = await login(server.url, 'oneadmin', 'opennebula');
    for (let i = 0; i < lists; i++) await getOk(`${server.url}/vm?pool_filter=-2`, headers);
    const end = await server.stats();
    const after = end.rssMb;
    const mb = (n) => n.toFixed(0);
    return [
      {
        scenario: `RSS after ${logins} logins + ${lists} x GET /vm (20,000 VMs)`,
        floor: `${before.toFixed(0)} MB at start`,
        // Where it goes: RSS after the logins alone, and V8's heap (used / committed) at the end.
        server:
          `${mb(after)} MB (after the logins ${mb(afterLogins.rssMb)} MB; ` +
          `V8 heap ${mb(end.heapUsedMb)} / ${mb(end.heapTotalMb)} MB)`,
        ratio: after / 200,
        target: '<= 200 MB (ratio = RSS / 200 MB)',
        ok: after <= 200,
        errors: r.errors,
      },
    ];
  } finally {
    await server.close();
    await sim.close();
  }
}
