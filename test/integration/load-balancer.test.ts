// Two sunstone-server instances (separate processes of the real CLI, same sunstone-server.conf, same
// sunstone_auth, sessions in one real memcached) behind the shipped nginx load balancer
// (config/nginx-load-balancer.conf: TLS, /sunstone, round robin, no stickiness). Issue #3 §3 and
// §5: a session started through one works on both, the CSRF token too, logout through one ends it
// on both, and a remember-me session survives a restart of both instances. nginx's access log
// (the shipped log format names the upstream) tells which instance answered each request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/oned-sim/main.js';
import { basic } from '../helpers/app.js';
import { responseCookie, send, type ClientOptions, type ClientResponse } from '../helpers/http-client.js';
import { freePort, MEMCACHED_BIN, startMemcached } from '../helpers/memcached.js';
import { logLines, NGINX_BIN } from '../helpers/nginx.js';
import { startLoadBalancer } from '../helpers/nginx-load-balancer.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const skip = !existsSync(NGINX_BIN)
  ? `${NGINX_BIN} is missing (apt-get install nginx)`
  : !existsSync(MEMCACHED_BIN)
    ? `${MEMCACHED_BIN} is missing (apt-get install memcached)`
    : false;

/** One request as nginx logged it: the status and the instance that gave the final answer. */
interface Served {
  readonly request: string;
  readonly status: number;
  readonly upstream: string;
}

function parseAccessLine(line: string): Served {
  const m = /"([^"]*)" (\d{3}) .* upstream=(\S+(?:, \S+)*) upstream_status=/.exec(line);
  if (m === null) throw new Error(`unexpected access log line: ${line}`);
  // After a retry nginx lists every upstream tried ("a, b"); the last one answered.
  const upstreams = (m[3] ?? '').split(', ');
  return { request: m[1] ?? '', status: Number(m[2]), upstream: upstreams[upstreams.length - 1] ?? '' };
}

test('two instances behind nginx round robin sharing memcached sessions', { skip }, async (t) => {
  const sim = await startSimulator({ port: 0, vms: 20, seed: 1, speed: 0 });
  t.after(() => sim.close());
  const memcached = await startMemcached(t);

  // One OpenNebula layout, one configuration, one sunstone_auth for both instances.
  const one = mkdtempSync(join(tmpdir(), 'sunstone-lb-'));
  t.after(() => rmSync(one, { recursive: true, force: true }));
  mkdirSync(join(one, 'etc'));
  mkdirSync(join(one, 'var', '.one'), { recursive: true });
  writeFileSync(
    join(one, 'var', '.one', 'sunstone_auth'),
    `${sim.serverAdmin.user}:${sim.serverAdmin.password}\n`,
    {
      mode: 0o600,
    },
  );
  const configFile = join(one, 'etc', 'sunstone-server.conf');
  writeFileSync(
    configFile,
    [
      `:one_xmlrpc: ${sim.url}`,
      ':host: 127.0.0.1',
      ':sessions: memcache',
      `:memcache_host: ${memcached.server}`,
      ':base_path: /sunstone',
      ':trusted_proxies: [127.0.0.1]',
      ':log:',
      '  :level: 1',
      '',
    ].join('\n'),
  );
  const instances: ServerProcess[] = [];
  for (const name of ['instance 1', 'instance 2']) {
    instances.push(
      await startServerProcess(t, { configFile, oneLocation: one, port: await freePort(), name }),
    );
  }
  const backends = instances.map((i) => `127.0.0.1:${i.port}`);

  const { httpsPort, cert, accessLog } = await startLoadBalancer(t, [backends[0] ?? '', backends[1] ?? '']);
  const client: ClientOptions = { ca: cert.cert };
  const base = `https://127.0.0.1:${httpsPort}/sunstone`;
  let logged = 0;

  /** Sends the requests one after the other and returns them with what nginx logged for each. */
  async function through(
    requests: readonly { path: string; method?: string; headers?: Record<string, string>; body?: string }[],
  ): Promise<{ res: ClientResponse; served: Served }[]> {
    const responses: ClientResponse[] = [];
    for (const r of requests) {
      responses.push(
        await send(
          `${base}${r.path}`,
          {
            method: r.method ?? 'GET',
            ...(r.headers ? { headers: r.headers } : {}),
            ...(r.body ? { body: r.body } : {}),
          },
          client,
        ),
      );
    }
    const lines = await logLines(accessLog, logged + requests.length);
    const mine = lines.slice(logged, logged + requests.length).map(parseAccessLine);
    logged += requests.length;
    return responses.map((res, i) => ({ res, served: mine[i] as Served }));
  }

  async function login(
    remember: boolean,
  ): Promise<{ cookie: string; csrf: string; line: string; by: string }> {
    const [r] = await through([
      {
        path: '/login',
        method: 'POST',
        headers: {
          authorization: basic('demo', 'demo'),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `remember=${remember}`,
      },
    ]);
    assert.ok(r);
    assert.equal(r.res.status, 204, r.res.body);
    const c = responseCookie(r.res, 'sunstone');
    assert.ok(c, 'login sets the session cookie');
    return {
      cookie: c.pair,
      csrf: String(r.res.headers['x-csrf-token']),
      line: c.line,
      by: r.served.upstream,
    };
  }

  function bothServed(results: readonly { served: Served }[]): void {
    const by = new Set(results.map((r) => r.served.upstream));
    assert.deepEqual(
      [...by].sort(),
      [...backends].sort(),
      `requests were served by ${[...by].join(' and ')}`,
    );
  }

  await t.test('a session started through one instance works on both, alternately', async () => {
    const s = await login(false);
    assert.ok(backends.includes(s.by));
    const results = await through(
      Array.from({ length: 6 }, () => ({
        path: '/vm',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      })),
    );
    for (const r of results) assert.equal(r.res.status, 200, `${r.served.upstream}: ${r.res.body}`);
    bothServed(results);
    // Round robin with no stickiness: consecutive requests go to different instances.
    for (let i = 1; i < results.length; i++) {
      assert.notEqual(results[i]?.served.upstream, results[i - 1]?.served.upstream, 'round robin alternates');
    }
  });

  await t.test('the CSRF token is valid on every instance, a wrong one on none', async () => {
    const s = await login(false);
    const good = await through([
      { path: `/vm?csrftoken=${encodeURIComponent(s.csrf)}`, headers: { cookie: s.cookie } },
      { path: `/vm?csrftoken=${encodeURIComponent(s.csrf)}`, headers: { cookie: s.cookie } },
      { path: '/config', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } },
      { path: '/config', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } },
    ]);
    for (const r of good) assert.equal(r.res.status, 200, r.served.upstream);
    bothServed(good);
    const bad = await through(
      Array.from({ length: 2 }, () => ({ path: '/vm', headers: { cookie: s.cookie, 'x-csrf-token': 'x' } })),
    );
    for (const r of bad) assert.equal(r.res.status, 401, r.served.upstream);
    bothServed(bad);
  });

  await t.test('logout through one instance ends the session on both', async () => {
    const s = await login(false);
    const session = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    const [out] = await through([{ path: '/logout', method: 'POST', headers: session }]);
    assert.equal(out?.res.status, 204);
    const after = await through(Array.from({ length: 4 }, () => ({ path: '/vm', headers: session })));
    for (const r of after) assert.equal(r.res.status, 401, `${r.served.upstream} still knows the session`);
    bothServed(after);
  });

  await t.test('a remember-me session survives a restart of both instances', async () => {
    const s = await login(true);
    const expires = /Expires=([^;]+)/.exec(s.line)?.[1];
    assert.ok(expires !== undefined && Date.parse(expires) - Date.now() > 29 * 24 * 3600 * 1000, s.line);
    for (const i of instances) assert.equal(await i.stop(), 0, `graceful stop:\n${i.output()}`);
    for (const i of instances) await i.start();
    const results = await through(
      Array.from({ length: 4 }, () => ({
        path: '/vm',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      })),
    );
    for (const r of results) assert.equal(r.res.status, 200, `${r.served.upstream}: ${r.res.body}`);
    bothServed(results);
  });
});
