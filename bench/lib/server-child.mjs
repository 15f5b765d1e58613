// The server under benchmark, in its own process: the real app from dist/, listening on a free
// loopback port, with an event-loop delay histogram the parent reads over IPC.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { buildApp } from '../../dist/app.js';
import { readServerCredentials } from '../../dist/auth/server-credentials.js';
import { ServerTokens } from '../../dist/auth/server-tokens.js';
import { sessionSecret } from '../../dist/config/derive-secret.js';
import { loadConfig } from '../../dist/config/load.js';
import { createOneClient } from '../../dist/one/client.js';

const { config } = loadConfig({
  env: { ONE_LOCATION: '/nonexistent-bench', ONE_XMLRPC: process.env.BENCH_ONE_XMLRPC },
  endpointFiles: [],
});
const creds = readServerCredentials(process.env.BENCH_AUTH_FILE);
const oneClient = createOneClient({
  endpoint: config.one_xmlrpc,
  timeoutMs: config.one_xmlrpc_timeout * 1000,
  maxConnections: config.one_xmlrpc_max_connections,
  pageSize: config.pool_page_size,
});
// Room for 10,000+ logins in the memory store during the memory benchmark.
const app = await buildApp(config, {
  oneClient,
  tokens: new ServerTokens(creds),
  secret: sessionSecret(config, creds),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
/** process.memoryUsage() in MiB: rssMb, heapUsedMb, heapTotalMb, externalMb, arrayBuffersMb. */
function memoryMb() {
  const u = process.memoryUsage();
  const mb = (n) => n / 2 ** 20;
  return {
    rssMb: mb(u.rss),
    heapUsedMb: mb(u.heapUsed),
    heapTotalMb: mb(u.heapTotal),
    externalMb: mb(u.external),
    arrayBuffersMb: mb(u.arrayBuffers),
  };
}

process.on('message', (m) => {
  if (m.cmd === 'reset') {
    h.reset();
    process.send({ id: m.id });
  } else if (m.cmd === 'stats') {
    process.send({
      id: m.id,
      eldMaxMs: h.max / 1e6,
      eldP99Ms: h.percentile(99) / 1e6,
      ...memoryMb(),
    });
  } else if (m.cmd === 'snapshot') {
    // Diagnosis only (never called by a scenario): a heap snapshot to open in Chrome DevTools.
    process.send({ id: m.id, file: writeHeapSnapshot() });
  }
});
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
process.send({ url: `http://127.0.0.1:${app.server.address().port}` });
