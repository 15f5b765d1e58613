// `sunstone-server run` with `:sessions: memcache` from a real sunstone-server.conf: serve() starts
// even when memcached is down, says so in the log, answers logins with 503 naming memcached, and
// works once memcached runs; the session is then in memcached under :memcache_namespace.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { serve } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config/load.js';
import { startSimulator } from '../../src/oned-sim/main.js';
import { basic } from '../helpers/app.js';
import { freePort, startMemcached } from '../helpers/memcached.js';

function keysIn(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let buf = '';
    sock.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.endsWith('END\r\n')) {
        sock.destroy();
        resolve(buf);
      }
    });
    sock.on('error', reject);
    sock.write('lru_crawler metadump all\r\n');
  });
}

test('serve() with :sessions: memcache starts with memcached down, logs it, 503 until memcached runs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-serve-mc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'var', '.one'), { recursive: true });
  mkdirSync(join(dir, 'etc'), { recursive: true });
  const sim = await startSimulator({ port: 0, vms: 3, seed: 1, speed: 0 });
  t.after(() => sim.close());
  writeFileSync(
    join(dir, 'var', '.one', 'sunstone_auth'),
    `${sim.serverAdmin.user}:${sim.serverAdmin.password}\n`,
    {
      mode: 0o600,
    },
  );
  const mc = await startMemcached(t, { start: false });
  const port = await freePort();
  writeFileSync(
    join(dir, 'etc', 'sunstone-server.conf'),
    [
      ':host: 127.0.0.1',
      `:port: ${port}`,
      ':sessions: memcache',
      `:memcache_host: 127.0.0.1`,
      `:memcache_port: ${mc.port}`,
      ':memcache_namespace: serve.test',
      '',
    ].join('\n'),
  );
  const { config } = loadConfig({ env: { ONE_LOCATION: dir, ONE_XMLRPC: sim.url }, endpointFiles: [] });
  assert.equal(config.sessions, 'memcache');

  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const server = await serve(config, pino({ level: 'info' }, sink));
  t.after(() => server.close());
  const warning = lines.find((l) => l.includes('session store unavailable at start-up'));
  assert.ok(warning, `a start-up warning: ${lines.join('')}`);
  assert.match(warning, new RegExp(`127\\.0\\.0\\.1:${mc.port} down`));

  const login = () =>
    fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { authorization: basic('demo', 'demo') },
      signal: AbortSignal.timeout(5000),
    });
  const down = await login();
  assert.equal(down.status, 503);
  const body = (await down.json()) as { error: { message: string } };
  assert.match(
    body.error.message,
    new RegExp(`^session store unavailable: memcached at 127\\.0\\.0\\.1:${mc.port}`),
  );
  assert.match(
    body.error.message,
    new RegExp(`in ${join(dir, 'etc', 'sunstone-server.conf').replace(/\./g, '\\.')}`),
  );

  await mc.start();
  let status = 0;
  for (let i = 0; i < 100 && status !== 204; i++) {
    status = (await login()).status;
    if (status !== 204) await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(status, 204);
  assert.match(await keysIn(mc.port), /key=serve\.test%3A[A-Za-z0-9_-]{43} /, 'the session is in memcached');
});
