// The VNC console through the shipped nginx configuration (config/nginx-load-balancer.conf, TLS,
// under /sunstone): the browser's websocket to wss://<nginx>/sunstone/websockify reaches the built-in
// proxy with the session cookie, and the RFB handshake with the simulator's VM completes end to end.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import WebSocket from 'ws';
import { buildTestApp } from '../helpers/app.js';
import { NGINX_BIN } from '../helpers/nginx.js';
import { startLoadBalancer } from '../helpers/nginx-load-balancer.js';
import { rfbHandshake, webSocketStream } from '../helpers/rfb-client.js';

const skip = existsSync(NGINX_BIN) ? false : `${NGINX_BIN} is missing (apt-get install nginx)`;

test('console of a running VM over wss through nginx under /sunstone', { skip }, async (t) => {
  const ta = await buildTestApp(t, {
    vms: 10,
    config: { base_path: '/sunstone', trusted_proxies: ['127.0.0.1'] },
  });
  await ta.app.listen({ host: '127.0.0.1', port: 0 });
  const backend = `127.0.0.1:${(ta.app.server.address() as { port: number }).port}`;
  const { httpsPort, cert } = await startLoadBalancer(t, [backend, backend]);
  const demo = await ta.login('demo', 'demo');
  const res = await ta.app.inject({ method: 'POST', url: '/sunstone/vm/1/startvnc', headers: demo.headers });
  assert.equal(res.statusCode, 200, res.body);
  const { token } = JSON.parse(res.body) as { token: string };

  const ws = new WebSocket(`wss://127.0.0.1:${httpsPort}/sunstone/websockify?token=${token}`, ['binary'], {
    ca: cert.cert,
    headers: { cookie: demo.cookie },
    handshakeTimeout: 10_000,
  });
  t.after(() => ws.terminate());
  const io = webSocketStream(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, r) => reject(new Error(`upgrade refused: ${r.statusCode}`)));
    ws.once('error', reject);
  });
  assert.equal(ws.protocol, 'binary');
  const init = await rfbHandshake(io);
  assert.equal(init.name, ta.sim.core.state.vms.get(1)?.name);
});
