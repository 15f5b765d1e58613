// XML -> JSON for large VM pools: throughput (ms per MB) and the longest event-loop stall
// (perf_hooks.monitorEventLoopDelay) while a 20,000-VM pool of full bodies (~4.7 KB each) is
// fetched and converted through the real client (transport replaced by precomputed oned answers),
// then serialised for the HTTP answer.
// Run: node --import tsx bench/micro/xml-to-json.bench.ts [vmCount]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { createOneClient } from '../../src/one/client.js';
import { decodeCall, encodeResponse } from '../../src/one/codec.js';
import { kindByUrl } from '../../src/one/catalogue.js';
import { jsonChunks } from '../../src/one/json-text.js';
import { xmlToJson } from '../../src/one/xml-to-json.js';
import type { OneTransport } from '../../src/one/transport.js';
import type { OneJson } from '../../src/one/types.js';
import { vmPoolXml } from './vm-fixture.js';

const VMS = Number(process.argv[2] ?? 20_000);
const PAGE = 200;
const MB = 1024 * 1024;

/**
 * Runs `fn` while sampling the event loop; returns its result, wall time, longest stall and the
 * 99th percentile of stalls. GC pauses and, on a busy machine, preemption count as stalls too.
 */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; stall: string }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await sleep(10); // the sampling timer must be running before the work starts...
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  await sleep(10); // ...and fire once after it, to record a stall at the very end
  h.disable();
  return { value, ms, stall: `longest stall ${fmt(h.max / 1e6)} ms, p99 ${fmt(h.percentile(99) / 1e6)} ms` };
}

function fmt(n: number): string {
  return n.toFixed(1).padStart(8);
}

const vm = kindByUrl('vm');
if (!vm) throw new Error('vm kind missing from the catalogue');

// oned's answers, built once: one per page, and one for the whole pool (infoextended, unpaged).
const pages: Buffer[] = [];
let innerBytes = 0;
for (let from = 0; from <= VMS; from += PAGE) {
  const xml = vmPoolXml(from, Math.min(VMS, from + PAGE));
  innerBytes += Buffer.byteLength(xml);
  pages.push(encodeResponse([true, xml, 0]));
}
const whole = encodeResponse([true, vmPoolXml(0, VMS), 0]);
const wireBytes = pages.reduce((s, b) => s + b.length, 0);
console.log(
  `${VMS} VMs: ${(innerBytes / MB).toFixed(1)} MB of XML, ${(wireBytes / MB).toFixed(1)} MB on the wire in pages of ${PAGE}`,
);

function fakeTransport(endpoint: string): OneTransport {
  return {
    endpoint,
    post: async (_method, body) => {
      await tick(); // an answer arrives in a later turn of the loop, as from a socket
      const { method, params } = decodeCall(body);
      if (method === 'one.vmpool.infoextended') return whole;
      return pages[(params[2] as number) / PAGE] ?? (pages[pages.length - 1] as Buffer);
    },
    close: async () => undefined,
    destroy: async () => undefined,
  };
}

const client = createOneClient({
  endpoint: 'http://127.0.0.1:2633/RPC2',
  timeoutMs: 30_000,
  maxConnections: 8,
  pageSize: PAGE,
  transportFactory: (o) => fakeTransport(o.endpoint),
});

// 1. Raw converter throughput on one page at a time (no yields).
{
  const xmls = Array.from({ length: 10 }, (_, i) => vmPoolXml(i * PAGE, (i + 1) * PAGE));
  const bytes = xmls.reduce((s, x) => s + Buffer.byteLength(x), 0);
  for (const x of xmls) xmlToJson(x, { rules: 'pool' }); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < 3; r++) for (const x of xmls) xmlToJson(x, { rules: 'pool' });
  const ms = (performance.now() - t0) / 3;
  console.log(`convert, pool rules, per page        ${fmt(ms / (bytes / MB))} ms/MB`);
}

// 2. The default GET /vm path: paged vmpool.info through the client.
const paged = await measure(() => client.pool('oneadmin:x', vm, -2));
const count = ((paged.value.VM_POOL as OneJson).VM as unknown[]).length;
console.log(
  `paged pool (${count} VMs)                ${fmt(paged.ms)} ms total, ${fmt(paged.ms / (innerBytes / MB))} ms/MB, ${paged.stall}`,
);

// 3. :get_extended_vm_info: one unpaged infoextended answer (Sunstone does not page it).
const ext = await measure(() => client.pool('oneadmin:x', vm, -2, { extended: true }));
console.log(
  `extended, one ${(whole.length / MB).toFixed(0)} MB answer           ${fmt(ext.ms)} ms total, ${ext.stall}`,
);

// 4. Serialising the answer: one JSON.stringify vs jsonChunks.
const one = await measure(async () => JSON.stringify(paged.value).length);
const chunked = await measure(async () => {
  let n = 0;
  for await (const c of jsonChunks(paged.value)) n += c.length;
  return n;
});
if (one.value !== chunked.value) throw new Error('jsonChunks length differs from JSON.stringify');
console.log(
  `JSON.stringify whole (${(one.value / MB).toFixed(1)} MB)         ${fmt(one.ms)} ms total, ${one.stall}`,
);
console.log(`jsonChunks                           ${fmt(chunked.ms)} ms total, ${chunked.stall}`);

await client.close();
