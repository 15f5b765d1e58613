// The Node cluster end to end (issue #3 §2, §5 "Cluster"): the real `sunstone-server run` command with
// --workers 2, in front of the simulator and a real memcached, driven by a stream of logged-in requests.
// kill -9 of a worker: replaced, and only requests it was serving fail. SIGHUP: a configuration with
// problems keeps the workers; a good one rolls them with no failed request. SIGTERM: requests in
// flight finish, exit 0. Plus the crash loop that gives up, the memory-sessions refusal, and SIGHUP
// to a single process.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { startSimulator, type Simulator } from '../../src/oned-sim/main.js';
import { alive, startCli, type CliProcess, type LogLine } from '../helpers/cli-process.js';
import { send, responseCookie, type ClientResponse } from '../helpers/http-client.js';
import { freePort, startMemcached, type Memcached } from '../helpers/memcached.js';
import { sleep } from '../helpers/wait-port.js';

interface Site {
  readonly dir: string;
  readonly url: string;
  readonly port: number;
  readonly sim: Simulator;
  readonly memcached: Memcached;
  readonly confFile: string;
  writeConf(extra?: string): void;
}

async function makeSite(t: TestContext, sessions: 'memcache' | 'memory' = 'memcache'): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-cluster-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'etc'), { recursive: true });
  mkdirSync(join(dir, 'var', '.one'), { recursive: true });
  const sim = await startSimulator({
    port: 0,
    vms: 20,
    seed: 1,
    speed: 0,
    writeAuth: join(dir, 'var', '.one', 'sunstone_auth'),
  });
  t.after(() => sim.close());
  const memcached = await startMemcached(t);
  const port = await freePort();
  const confFile = join(dir, 'etc', 'sunstone-server.conf');
  const writeConf = (extra = ''): void =>
    writeFileSync(
      confFile,
      [
        `:one_xmlrpc: ${sim.url}`,
        ':host: 127.0.0.1',
        `:port: ${port}`,
        `:sessions: ${sessions}`,
        ':memcache_host: 127.0.0.1',
        `:memcache_port: ${memcached.port}`,
        ':log:',
        '  :level: 2',
        extra,
      ].join('\n'),
    );
  writeConf();
  return { dir, url: `http://127.0.0.1:${port}`, port, sim, memcached, confFile, writeConf };
}

function run(t: TestContext, site: Site, args: readonly string[]): CliProcess {
  return startCli(t, ['run', ...args], { ONE_LOCATION: site.dir, NODE_ENV: 'test' });
}

const isReady = (slot: number) => (l: LogLine) => l.msg === `worker ${slot} ready`;

/** Waits for both workers' "ready" lines (from line `from` on) and returns their pids by slot. */
async function readyPids(cli: CliProcess, from = 0): Promise<[number, number]> {
  const a = await cli.waitFor(isReady(1), 'worker 1 ready', { from });
  const b = await cli.waitFor(isReady(2), 'worker 2 ready', { from });
  return [a.pid as number, b.pid as number];
}

interface LoggedIn {
  readonly headers: Record<string, string>;
}

async function login(url: string): Promise<LoggedIn> {
  const res = await send(`${url}/login`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('oneadmin:opennebula').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'remember=false',
  });
  assert.equal(res.status, 204, `login: ${res.status} ${res.body}`);
  const cookie = responseCookie(res, 'sunstone')?.pair;
  const csrf = res.headers['x-csrf-token'];
  assert.ok(cookie !== undefined && typeof csrf === 'string');
  return { headers: { cookie, 'x-csrf-token': csrf } };
}

interface Outcome {
  readonly ok: boolean;
  readonly what: string;
  /** Sent before the mark (the kill, the signal) was set. */
  readonly beforeMark: boolean;
}

/** `concurrency` loops sending one request after another until stopped; every outcome recorded. */
class RequestStream {
  readonly outcomes: Outcome[] = [];
  inFlight = 0;
  inFlightAtMark = 0;
  #marked = false;
  #running = true;
  readonly #loops: Promise<void>[] = [];

  constructor(request: () => Promise<ClientResponse>, concurrency: number) {
    for (let i = 0; i < concurrency; i++) {
      this.#loops.push(
        (async () => {
          while (this.#running) {
            const beforeMark = !this.#marked;
            this.inFlight++;
            try {
              const res = await request();
              this.outcomes.push({
                ok: res.status === 200,
                what: `HTTP ${res.status} ${res.body.slice(0, 200)}`,
                beforeMark,
              });
            } catch (err) {
              this.outcomes.push({ ok: false, what: (err as Error).message, beforeMark });
            } finally {
              this.inFlight--;
            }
          }
        })(),
      );
    }
  }

  mark(): void {
    this.#marked = true;
    this.inFlightAtMark = this.inFlight;
  }

  get failures(): Outcome[] {
    return this.outcomes.filter((o) => !o.ok);
  }

  /** Waits until `n` more requests succeeded than now. */
  async successes(n: number, timeoutMs = 30_000): Promise<void> {
    const count = (): number => this.outcomes.filter((o) => o.ok).length;
    const target = count() + n;
    const deadline = Date.now() + timeoutMs;
    while (count() < target) {
      if (Date.now() > deadline)
        throw new Error(`the stream made no progress: ${JSON.stringify(this.failures.slice(-5))}`);
      await sleep(10);
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
  }
}

test('kill -9 of one of 2 workers during a stream: replaced, only requests it was serving fail; /ready names what is down', async (t) => {
  const site = await makeSite(t);
  const cli = run(t, site, ['--workers', '2']);
  const [first, second] = await readyPids(cli);
  assert.notEqual(first, second);
  assert.ok(alive(first) && alive(second));

  // Slow oned answers keep requests in flight in both workers when the kill comes.
  site.sim.faults.latencyMs = 50;
  const session = await login(site.url);
  const concurrency = 6;
  const stream = new RequestStream(() => send(`${site.url}/vm`, { headers: session.headers }), concurrency);
  t.after(() => stream.stop());
  await stream.successes(40);
  const from = cli.lines.length;
  process.kill(first, 'SIGKILL');
  stream.mark();
  const replacement = (await cli.waitFor(isReady(1), 'the replacement of worker 1', { from })).pid as number;
  await stream.successes(40);
  await stream.stop();

  assert.notEqual(replacement, first);
  assert.equal(alive(first), false);
  assert.ok(alive(second), 'the other worker was left alone');
  const failures = stream.failures;
  assert.ok(
    failures.length <= stream.inFlightAtMark && stream.inFlightAtMark <= concurrency,
    `${failures.length} failures, ${stream.inFlightAtMark} requests in flight at the kill: ${JSON.stringify(failures)}`,
  );
  assert.ok(
    failures.every((f) => f.beforeMark),
    `a request sent after the kill failed: ${JSON.stringify(failures)}`,
  );
  assert.ok(
    cli.lines.some(
      (l) => typeof l.msg === 'string' && l.msg.includes(`worker 1 (pid ${first}) died: killed by SIGKILL`),
    ),
  );

  // Readiness through the cluster, whichever worker answers.
  site.sim.faults.latencyMs = 0;
  const ready = await send(`${site.url}/ready`);
  assert.equal(ready.status, 200, ready.body);
  site.sim.faults.refuse = true;
  await sleep(1100); // the readiness answer is cached for a second
  const onedDown = await send(`${site.url}/ready`);
  assert.equal(onedDown.status, 503);
  assert.deepEqual(JSON.parse(onedDown.body), { status: 'unavailable', oned: 'unreachable', sessions: 'ok' });
  site.sim.faults.refuse = false;
  await site.memcached.stop();
  await sleep(1100);
  const storeDown = await send(`${site.url}/ready`);
  assert.equal(storeDown.status, 503);
  assert.deepEqual(JSON.parse(storeDown.body), {
    status: 'unavailable',
    oned: 'ok',
    sessions: 'unreachable',
  });
  assert.equal((await send(`${site.url}/health`)).status, 200, '/health does not depend on either');
});

test('SIGHUP: a configuration with problems keeps the workers; a good one rolls them with no failed request', async (t) => {
  const site = await makeSite(t);
  const cli = run(t, site, ['--workers', '2']);
  const before = await readyPids(cli);
  site.sim.faults.latencyMs = 20;
  const session = await login(site.url);
  const stream = new RequestStream(() => send(`${site.url}/vm`, { headers: session.headers }), 4);
  t.after(() => stream.stop());
  await stream.successes(20);

  site.writeConf(':port: not-a-port');
  let from = cli.lines.length;
  cli.signal('SIGHUP');
  const refused = await cli.waitFor(
    (l) => typeof l.msg === 'string' && l.msg.startsWith('SIGHUP: the configuration has problems'),
    'the refused reload',
    { from },
  );
  assert.match(String(refused.msg), /:port/);
  await stream.successes(20);
  assert.ok(before.every(alive), 'the old workers still serve');

  site.writeConf();
  from = cli.lines.length;
  cli.signal('SIGHUP');
  await cli.waitFor(
    (l) => typeof l.msg === 'string' && l.msg.startsWith('rolling restart done'),
    'the rolling restart',
    {
      from,
      timeoutMs: 60_000,
    },
  );
  const after = await readyPids(cli, from);
  await stream.successes(20);
  await stream.stop();

  assert.deepEqual(stream.failures, [], 'no request failed during the rolling restart');
  assert.ok(
    after.every((p) => !before.includes(p)),
    `new pids ${after.join(',')} (before ${before.join(',')})`,
  );
  for (const p of before) {
    for (let i = 0; i < 100 && alive(p); i++) await sleep(20);
    assert.equal(alive(p), false, `old worker ${p} exited`);
  }
  // The session lives in memcached: the new workers know it.
  assert.equal((await send(`${site.url}/vm`, { headers: session.headers })).status, 200);
});

test('SIGTERM: requests in flight finish, then the primary exits 0', async (t) => {
  const site = await makeSite(t);
  const cli = run(t, site, ['--workers', '2', '--grace', '20']);
  await readyPids(cli);
  const session = await login(site.url);
  site.sim.faults.latencyMs = 1500;
  const from = cli.lines.length;
  const slow = Array.from({ length: 4 }, () => send(`${site.url}/vm`, { headers: session.headers }));
  // Each worker logs "incoming request" as it starts one: wait until all four are being served.
  for (let seen = 0, i = from; seen < 4; seen++) {
    const line = await cli.waitFor(
      (l) => l.msg === 'incoming request' && (l.req as { url?: string } | undefined)?.url === '/vm',
      'the slow requests',
      { from: i },
    );
    i = cli.lines.indexOf(line) + 1;
  }
  cli.signal('SIGTERM');
  const answers = await Promise.all(slow);
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 200],
  );
  const { code, signal } = await cli.exit;
  assert.equal(signal, null);
  assert.equal(code, 0, cli.output());
  assert.ok(cli.lines.some((l) => String(l.msg).startsWith('SIGTERM: stopping 2 workers')));
  await assert.rejects(send(`${site.url}/health`), /ECONNREFUSED/);
});

test('workers that keep dying at start-up: back-off, then the primary gives up and exits 1 saying why', async (t) => {
  const site = await makeSite(t);
  // Someone else holds the port: every worker's listen fails.
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(site.port, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
  const cli = run(t, site, ['--workers', '2']);
  const { code } = await cli.exit;
  assert.equal(code, 1, cli.output());
  const text = cli.output();
  assert.match(text, /failed to start: cannot listen on 127\.0\.0\.1:\d+ .*already in use/);
  assert.match(text, /replacing it in \d+ ms \(\d quick deaths in a row\)/);
  assert.match(text, /died 6 times in a row soon after starting .* giving up/);
});

test('more than one worker with memory sessions: refused before any fork, the message says to use memcache', async (t) => {
  const site = await makeSite(t, 'memory');
  const cli = run(t, site, ['--workers', '2']);
  const { code } = await cli.exit;
  assert.equal(code, 1);
  assert.match(cli.output(), /set :sessions: memcache/);
  assert.ok(!cli.lines.some((l) => String(l.msg).includes('ready')), 'no worker was started');
});

test('SIGHUP to a single process: checks the file, says a restart applies it, keeps serving', async (t) => {
  const site = await makeSite(t, 'memory');
  const cli = run(t, site, []);
  await cli.waitFor((l) => String(l.msg).startsWith('sunstone-server listening on'), 'listening');
  cli.signal('SIGHUP');
  await cli.waitFor((l) => String(l.msg).includes('one process cannot reload'), 'the SIGHUP answer');
  assert.equal((await send(`${site.url}/health`)).status, 200);
  cli.signal('SIGTERM');
  assert.equal((await cli.exit).code, 0);
});
