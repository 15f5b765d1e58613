// The cluster primary's bookkeeping with fake workers: replacement, crash loop, rolling restart
// (new worker ready before the old one is asked to stop; a failed start or a bad configuration keeps
// the old workers), graceful stop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import type { StopMessage } from '../../../src/cli/cluster-messages.js';
import { Supervisor, type SupervisorOptions, type WorkerHandle } from '../../../src/cli/supervisor.js';

type Behaviour = 'ready' | 'fail' | 'hang';

class FakeWorker implements WorkerHandle {
  readonly pid: number;
  readonly slot: number;
  readonly sent: StopMessage[] = [];
  readonly killed: NodeJS.Signals[] = [];
  exited = false;
  #onMessage: (m: unknown) => void = () => undefined;
  #onExit: (code: number | null, signal: string | null) => void = () => undefined;
  readonly #events: string[];

  constructor(pid: number, slot: number, events: string[]) {
    this.pid = pid;
    this.slot = slot;
    this.#events = events;
  }

  send(message: StopMessage): void {
    this.sent.push(message);
    this.#events.push(`stop ${this.pid}`);
    setImmediate(() => this.die(0, null));
  }
  connected(): boolean {
    return !this.exited;
  }
  kill(signal: NodeJS.Signals): void {
    this.killed.push(signal);
    setImmediate(() => this.die(null, signal));
  }
  onMessage(listener: (message: unknown) => void): void {
    this.#onMessage = listener;
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.#onExit = listener;
  }
  ready(): void {
    this.#events.push(`ready ${this.pid}`);
    this.#onMessage({ type: 'sunstone:ready', url: 'http://127.0.0.1:9869' });
  }
  fatal(message: string): void {
    this.#onMessage({ type: 'sunstone:fatal', message });
    this.die(1, null);
  }
  die(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = true;
    this.#events.push(`exit ${this.pid}`);
    this.#onExit(code, signal);
  }
}

interface Harness {
  readonly supervisor: Supervisor;
  readonly workers: FakeWorker[];
  readonly events: string[];
  readonly logs: { level: number; msg: string }[];
  /** How the next forks behave (default: ready). */
  behave: (n: number, slot: number) => Behaviour;
  reload: () => number;
}

function harness(workers = 2, extra: Partial<SupervisorOptions> = {}): Harness {
  const events: string[] = [];
  const logs: { level: number; msg: string }[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (s: string) => logs.push(JSON.parse(s) as { level: number; msg: string }) },
  );
  const all: FakeWorker[] = [];
  const h: Harness = {
    workers: all,
    events,
    logs,
    behave: () => 'ready',
    reload: () => workers,
    supervisor: null as unknown as Supervisor,
  };
  const supervisor = new Supervisor({
    workers,
    logger,
    graceMs: 1000,
    reload: () => h.reload(),
    backoff: { initialMs: 1, maxMs: 4, maxFailures: 4 },
    fork: (slot) => {
      const w = new FakeWorker(100 + all.length, slot, events);
      const behaviour = h.behave(all.length, slot);
      all.push(w);
      events.push(`fork ${w.pid} slot ${slot + 1}`);
      setImmediate(() => {
        if (behaviour === 'ready') w.ready();
        else if (behaviour === 'fail') w.fatal('cannot listen on 127.0.0.1:9869: the port is already in use');
      });
      return w;
    },
    ...extra,
  });
  return Object.assign(h, { supervisor });
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`never happened: ${what}`);
}

test('starts N workers, stops them all gracefully on stop(), resolves 0', async () => {
  const h = harness(3);
  const done = h.supervisor.start();
  await until(() => h.events.filter((e) => e.startsWith('ready')).length === 3, 'three ready');
  assert.deepEqual(h.supervisor.pids, [100, 101, 102]);
  h.supervisor.stop('SIGTERM');
  assert.equal(await done, 0);
  assert.ok(h.workers.every((w) => w.sent.length === 1 && w.killed.length === 0));
});

test('a worker that dies is replaced at once, in its slot', async () => {
  const h = harness(2);
  const done = h.supervisor.start();
  await until(() => h.supervisor.pids.length === 2 && h.events.includes('ready 101'), 'ready');
  h.workers[0]?.die(null, 'SIGKILL');
  await until(() => h.events.includes('ready 102'), 'replacement ready');
  assert.deepEqual(h.supervisor.pids, [102, 101]);
  assert.ok(h.logs.some((l) => l.msg === 'worker 1 (pid 100) died: killed by SIGKILL; replacing it now'));
  h.supervisor.stop('SIGTERM');
  assert.equal(await done, 0);
});

test('workers that keep failing to start: growing delays, then SUN_ERR_CLI_CRASH_LOOP naming the cause', async () => {
  const h = harness(2);
  h.behave = (_n, slot) => (slot === 0 ? 'fail' : 'ready');
  await assert.rejects(h.supervisor.start(), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'SUN_ERR_CLI_CRASH_LOOP');
    assert.match(
      e.message,
      /worker 1 died 4 times in a row soon after starting \(last: cannot listen .* already in use\)/,
    );
    return true;
  });
  assert.equal(h.workers.filter((w) => w.slot === 0).length, 4);
  assert.ok(h.logs.some((l) => /replacing it in 2 ms \(3 quick deaths in a row\)/.test(l.msg)));
  const healthy = h.workers.find((w) => w.slot === 1);
  assert.equal(healthy?.sent.length, 1, 'the healthy worker was stopped gracefully');
});

test('SIGHUP rolls one slot at a time: the new worker is ready before the old one is asked to stop', async () => {
  const h = harness(2);
  const done = h.supervisor.start();
  await until(() => h.events.includes('ready 100') && h.events.includes('ready 101'), 'ready');
  h.events.length = 0;
  h.supervisor.reload();
  await until(() => h.logs.some((l) => l.msg.startsWith('rolling restart done')), 'roll done');
  assert.deepEqual(
    h.events.filter((e) => !e.startsWith('exit')),
    ['fork 102 slot 1', 'ready 102', 'stop 100', 'fork 103 slot 2', 'ready 103', 'stop 101'],
  );
  assert.deepEqual(h.supervisor.pids, [102, 103]);
  h.supervisor.stop('SIGTERM');
  assert.equal(await done, 0);
});

test('SIGHUP with a bad configuration, or a new worker that cannot start: the old workers keep serving', async () => {
  const h = harness(2);
  const done = h.supervisor.start();
  await until(() => h.events.includes('ready 101'), 'ready');
  h.reload = () => {
    throw new Error('/etc/one/sunstone-server.conf:3: :port is "x"; expected a port number');
  };
  h.supervisor.reload();
  assert.equal(h.workers.length, 2, 'nothing forked');
  assert.ok(h.logs.some((l) => l.level === 50 && l.msg.includes(':port is "x"')));

  h.reload = () => 2;
  h.behave = () => 'fail';
  h.supervisor.reload();
  await until(() => h.logs.some((l) => l.msg.startsWith('rolling restart stopped')), 'roll stopped');
  assert.deepEqual(h.supervisor.pids, [100, 101]);
  assert.ok(h.workers.slice(0, 2).every((w) => !w.exited && w.sent.length === 0));
  assert.match(h.logs.find((l) => l.msg.startsWith('rolling restart stopped'))?.msg ?? '', /already in use/);
  h.supervisor.stop('SIGTERM');
  assert.equal(await done, 0);
});

test('SIGHUP with fewer workers configured stops the extra ones without replacing them', async () => {
  const h = harness(3);
  const done = h.supervisor.start();
  await until(() => h.events.includes('ready 102'), 'ready');
  h.reload = () => 1;
  h.supervisor.reload();
  await until(() => h.logs.some((l) => l.msg.startsWith('rolling restart done')), 'roll done');
  assert.deepEqual(h.supervisor.pids, [103]);
  assert.ok(h.workers.slice(0, 3).every((w) => w.exited && w.sent.length === 1));
  h.supervisor.stop('SIGTERM');
  assert.equal(await done, 0);
});

test('a second stop kills the workers at once and the exit code is 1', async () => {
  const h = harness(2);
  const done = h.supervisor.start();
  await until(() => h.events.includes('ready 101'), 'ready');
  // Workers that take their time to finish: the stop message is recorded but they do not exit.
  for (const w of h.workers) w.send = (m) => void w.sent.push(m);
  h.supervisor.stop('SIGINT');
  h.supervisor.stop('SIGINT');
  assert.equal(await done, 1);
  assert.ok(h.workers.every((w) => w.killed.includes('SIGKILL')));
});
