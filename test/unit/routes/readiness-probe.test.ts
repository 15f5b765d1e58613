// ReadinessProbe against fakes: which part is reported, the short cache, one probe for many callers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { XmlRpcValue } from '../../../src/one/codec.js';
import { ReadinessProbe } from '../../../src/routes/readiness-probe.js';
import { MemoryStore } from '../../../src/session/memory-store.js';
import type { SessionStore, StoreHealth } from '../../../src/session/store.js';

interface FakeOned {
  calls: { session: string; method: string }[];
  answer: () => Promise<XmlRpcValue>;
  call(session: string, method: string): Promise<XmlRpcValue>;
}

function fakeOned(answer: () => Promise<XmlRpcValue> = async () => '6.10.5'): FakeOned {
  const oned: FakeOned = {
    calls: [],
    answer,
    call(session, method) {
      oned.calls.push({ session, method });
      return oned.answer();
    },
  };
  return oned;
}

function storeWithHealth(health: () => Promise<StoreHealth>): SessionStore {
  const store = new MemoryStore();
  return Object.assign(store, { health });
}

const refused = (): Promise<never> =>
  Promise.reject(
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2633'), { code: 'SUN_ERR_ONE_UNREACHABLE' }),
  );

test('oned answers and the store is healthy: ready, one.system.version called as serveradmin', async () => {
  const oned = fakeOned();
  const probe = new ReadinessProbe({
    oneClient: oned,
    serverSession: () => 'serveradmin:serveradmin:token',
    store: new MemoryStore(),
  });
  const report = await probe.check();
  assert.deepEqual(report, { ready: true, oned: 'ok', sessions: 'ok', details: [] });
  assert.deepEqual(oned.calls, [{ session: 'serveradmin:serveradmin:token', method: 'one.system.version' }]);
});

test('oned unreachable, oned refusing serveradmin, store down: each named, details for the log', async () => {
  const down = new ReadinessProbe({
    oneClient: fakeOned(refused),
    serverSession: () => 's',
    store: new MemoryStore(),
  });
  const r1 = await down.check();
  assert.equal(r1.ready, false);
  assert.equal(r1.oned, 'unreachable');
  assert.equal(r1.sessions, 'ok');
  assert.match(r1.details.join(), /oned: SUN_ERR_ONE_UNREACHABLE: connect ECONNREFUSED/);

  const authFailure = Object.assign(new Error("[one.system.version] User couldn't be authenticated"), {
    code: 'SUN_ERR_ONE_AUTHENTICATION',
    oneCode: 256,
  });
  const refusing = new ReadinessProbe({
    oneClient: fakeOned(() => Promise.reject(authFailure)),
    serverSession: () => 's',
    store: new MemoryStore(),
  });
  assert.equal((await refusing.check()).oned, 'error');

  const storeDown = new ReadinessProbe({
    oneClient: fakeOned(),
    serverSession: () => 's',
    store: storeWithHealth(async () => ({
      ok: false,
      detail: 'memcached 127.0.0.1:11211: connection refused',
    })),
  });
  const r3 = await storeDown.check();
  assert.deepEqual([r3.ready, r3.oned, r3.sessions], [false, 'ok', 'unreachable']);
  assert.match(r3.details.join(), /session store: memcached 127\.0\.0\.1:11211: connection refused/);

  const storeThrows = new ReadinessProbe({
    oneClient: fakeOned(),
    serverSession: () => 's',
    store: storeWithHealth(() => Promise.reject(new Error('boom'))),
  });
  assert.equal((await storeThrows.check()).sessions, 'unreachable');
});

test('an answer is reused for cacheMs, then asked again (issue #3: do not hammer oned)', async () => {
  let now = 1_000_000;
  const oned = fakeOned();
  const probe = new ReadinessProbe({
    oneClient: oned,
    serverSession: () => 's',
    store: new MemoryStore(),
    now: () => now,
    cacheMs: 1000,
  });
  await probe.check();
  now += 999;
  await probe.check();
  assert.equal(oned.calls.length, 1);
  oned.answer = refused;
  now += 1;
  assert.equal((await probe.check()).oned, 'unreachable');
  assert.equal(oned.calls.length, 2);
  // A failure is cached too, and recovery shows once the period is over.
  oned.answer = async () => '6.10.5';
  assert.equal((await probe.check()).oned, 'unreachable');
  now += 1000;
  assert.equal((await probe.check()).ready, true);
});

test('concurrent checks share one probe', async () => {
  let release: (v: XmlRpcValue) => void = () => undefined;
  const oned = fakeOned(() => new Promise((resolve) => (release = resolve)));
  const probe = new ReadinessProbe({ oneClient: oned, serverSession: () => 's', store: new MemoryStore() });
  const all = Promise.all([probe.check(), probe.check(), probe.check()]);
  await new Promise((r) => setImmediate(r));
  release('6.10.5');
  const reports = await all;
  assert.equal(oned.calls.length, 1);
  assert.ok(reports.every((r) => r.ready));
});

test('an oned that never answers is reported unreachable after timeoutMs', async () => {
  const probe = new ReadinessProbe({
    oneClient: fakeOned(() => new Promise<never>(() => undefined)),
    serverSession: () => 's',
    store: new MemoryStore(),
    timeoutMs: 20,
  });
  const report = await probe.check();
  assert.equal(report.oned, 'unreachable');
  assert.match(report.details.join(), /no answer within 20 ms/);
});
