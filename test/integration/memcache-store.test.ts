// The memcached session store against real memcached processes and fake peers, over real sockets:
// values and TTLs as memcached holds them, outages (stop, kill, restart, started down), a peer that
// never answers, a peer that closes mid-request, two servers with one killed, and IPv6.
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { test, type TestContext } from 'node:test';
import { MemcacheStore, type MemcacheStoreOptions } from '../../src/session/memcache-store.js';
import { sessionKey } from '../../src/session/memcache-keys.js';
import { demoSession } from '../helpers/session-data.js';
import { hasIpv6Loopback, startFakePeer, startMemcached, type Memcached } from '../helpers/memcached.js';

const data = demoSession(Date.now() + 3_600_000);

function storeFor(t: TestContext, hosts: string[], extra: Partial<MemcacheStoreOptions> = {}): MemcacheStore {
  const store = new MemcacheStore({ hosts, namespace: 'it', ...extra });
  t.after(() => store.close());
  return store;
}

/** One raw command line to memcached, first reply line back (to look at what the store wrote). */
function raw(mc: Memcached, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: mc.host, port: mc.port });
    let buf = '';
    sock.on('data', (d: Buffer) => {
      buf += d.toString();
      const end = buf.indexOf('\r\n');
      if (end >= 0) {
        sock.destroy();
        resolve(buf.slice(0, end));
      }
    });
    sock.on('error', reject);
    sock.write(`${line}\r\n`);
  });
}

/** Bounds a promise that must settle; a hang fails the test with `what` instead of stalling it. */
async function settles<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung`)), 5000);
  });
  try {
    return await Promise.race([p, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function storeError(p: Promise<unknown>): Promise<string> {
  try {
    await settles(p, 'store operation');
  } catch (err) {
    assert.equal((err as { code?: string }).code, 'SUN_ERR_SESSION_STORE', String(err));
    assert.equal((err as { statusCode?: number }).statusCode, 503);
    return (err as Error).message;
  }
  assert.fail('expected SUN_ERR_SESSION_STORE');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('values are JSON under <namespace>:<id> with the session TTL; 31-day TTLs are sent as absolute times', async (t) => {
  const mc = await startMemcached(t);
  const store = storeFor(t, [mc.server]);
  await store.set('sid1', data, 3600);
  assert.deepEqual(await store.get('sid1'), data);
  const ttl = Number(/^HD t(-?\d+)$/.exec(await raw(mc, `mg ${sessionKey('it', 'sid1')} t`))?.[1]);
  assert.ok(ttl > 3590 && ttl <= 3600, `memcached holds it for ${ttl} s`);
  assert.match(await raw(mc, 'get it:sid1'), /^VALUE it:sid1 0 \d+$/, 'a plain text value');

  // Sent as relative seconds, 31 days would be read as a time in 1970 and expire at once.
  await store.set('long', data, 31 * 24 * 3600);
  assert.deepEqual(await store.get('long'), data);
  const longTtl = Number(/^HD t(\d+)$/.exec(await raw(mc, `mg ${sessionKey('it', 'long')} t`))?.[1]);
  assert.ok(Math.abs(longTtl - 31 * 24 * 3600) < 10, `31 days kept: ${longTtl}`);

  await store.destroy('sid1');
  assert.equal(await store.get('sid1'), null);
  await store.destroy('sid1'); // deleting twice is fine
});

test('counters on memcached: incr, count, reset; separate from sessions', async (t) => {
  const mc = await startMemcached(t);
  const store = storeFor(t, [mc.server]);
  assert.equal(await store.incr('alice', 60), 1);
  assert.equal(await store.incr('alice', 60), 2);
  assert.equal(
    await Promise.all([store.incr('bob', 60), store.incr('bob', 60)]).then((r) => r.sort().join()),
    '1,2',
  );
  assert.equal(await store.count('alice'), 2);
  await store.reset('alice');
  assert.equal(await store.count('alice'), 0);
  assert.equal(await store.get('alice'), null);
});

test('a burst of 500 concurrent sessions against a healthy memcached all succeed (pipelined, under the bound)', async (t) => {
  const mc = await startMemcached(t);
  const store = storeFor(t, [mc.server]);
  const ids = Array.from({ length: 500 }, (_, i) => `burst${i}`);
  await Promise.all(ids.map((id) => store.set(id, { ...data, user: id }, 60)));
  const back = await Promise.all(ids.map((id) => store.get(id)));
  assert.deepEqual(
    back.map((d) => d?.user),
    ids,
  );
  assert.equal(store.status()[0]?.inFlight, 0);
});

test('memcached stopped: 503 at once naming host:port; restarted: sessions lost, working again after the retry time', async (t) => {
  const mc = await startMemcached(t);
  const store = storeFor(t, [mc.server]);
  await store.set('s', data, 60);
  await mc.stop();
  const first = await storeError(store.get('s'));
  assert.match(
    first,
    new RegExp(`^session store unavailable: memcached at ${mc.server.replace(/\./g, '\\.')} failed`),
  );
  assert.match(first, /start memcached there/);
  assert.match(await storeError(store.set('s', data, 60)), /is down/);
  assert.equal((await store.health()).ok, false);

  await mc.start();
  let back = false;
  for (let i = 0; i < 100 && !back; i++) {
    back = await store.get('s').then(
      () => true,
      () => false,
    );
    if (!back) await sleep(20);
  }
  assert.ok(back, 'the store uses memcached again');
  assert.equal(await store.get('s'), null, 'the restarted memcached lost the session');
  await store.set('s2', data, 60);
  assert.deepEqual(await store.get('s2'), data);
  assert.deepEqual(await store.health(), { ok: true, detail: `memcached ${mc.server} up` });
});

test('memcached killed (SIGKILL) with operations in flight: they fail, none hangs, the store recovers', async (t) => {
  const mc = await startMemcached(t);
  const store = storeFor(t, [mc.server]);
  await store.set('s', data, 60);
  const inFlight = Array.from({ length: 50 }, () =>
    store.get('s').then(
      () => 'ok',
      () => 'failed',
    ),
  );
  await mc.kill();
  const outcomes = await settles(Promise.all(inFlight), 'operations in flight during the kill');
  assert.ok(outcomes.every((o) => o === 'ok' || o === 'failed'));
  await storeError(store.get('s'));
  await mc.start();
  await sleep(600);
  assert.equal(await store.get('s'), null);
});

test('started with memcached down: the store is created, reports it, and works once memcached starts', async (t) => {
  const mc = await startMemcached(t, { start: false });
  const store = storeFor(t, [mc.server]);
  const h = await store.health();
  assert.equal(h.ok, false);
  assert.match(h.detail, new RegExp(`${mc.server.replace(/\./g, '\\.')} down \\(connect ECONNREFUSED`));
  await storeError(store.set('s', data, 60));
  await mc.start();
  await sleep(600);
  await store.set('s', data, 60);
  assert.deepEqual(await store.get('s'), data);
});

test('a peer that never answers: each operation ends at the timeout, then fails at once while the breaker is open', async (t) => {
  const peer = await startFakePeer(t, 'blackhole');
  const store = storeFor(t, [peer.server]);
  assert.match(await storeError(store.get('s')), /failed \(no answer within 500 ms\)/);
  const received = peer.received;
  assert.match(await storeError(store.get('s')), /is down \(no answer within 500 ms/);
  assert.match(await storeError(store.set('s', data, 60)), /is down/);
  assert.equal(peer.received, received, 'nothing more was sent to the dead peer');
  await sleep(550);
  assert.match(
    await storeError(store.get('s')),
    /failed \(no answer within 500 ms\)/,
    'probed again, bounded again',
  );
});

test('a peer that closes the connection mid-request: an error at once, not a timeout', async (t) => {
  const peer = await startFakePeer(t, 'close');
  const store = storeFor(t, [peer.server]);
  const message = await storeError(store.get('s'));
  assert.doesNotMatch(message, /no answer within/);
  assert.match(message, /socket (end|close)/);
  assert.ok(peer.received > 0, 'the request reached the peer');
});

test('concurrent operations against a blackhole are bounded in number, not queued without end', async (t) => {
  const peer = await startFakePeer(t, 'blackhole');
  const store = storeFor(t, [peer.server], { maxInFlight: 4 });
  const results = await settles(
    Promise.all(Array.from({ length: 20 }, (_, i) => storeError(store.get(`s${i}`)))),
    'concurrent operations',
  );
  assert.equal(results.filter((m) => /operations in flight/.test(m)).length, 16);
  assert.equal(results.filter((m) => /no answer within/.test(m)).length, 4);
});

test('two servers, one killed: its sessions are lost, the other keeps serving, new sessions go there; it is used again when back', async (t) => {
  const a = await startMemcached(t);
  const b = await startMemcached(t);
  const store = storeFor(t, [a.server, b.server]);
  const ids = Array.from({ length: 60 }, (_, i) => `sid${i}`);
  for (const id of ids) await store.set(id, { ...data, user: id }, 60);
  const where = async (id: string) =>
    (await raw(a, `mg ${sessionKey('it', id)}`)).startsWith('HD') ? 'a' : 'b';
  const onA: string[] = [];
  const onB: string[] = [];
  for (const id of ids) ((await where(id)) === 'a' ? onA : onB).push(id);
  assert.ok(onA.length > 10 && onB.length > 10, `spread: ${onA.length} on a, ${onB.length} on b`);

  await a.kill();
  const firstOnA = onA[0] ?? '';
  // The first request to notice may fail or fail over; after that a is skipped.
  await store.get(firstOnA).catch(() => null);
  for (const id of onA)
    assert.equal(await store.get(id), null, `${id} was on a: lost, the user logs in again`);
  for (const id of onB) assert.equal((await store.get(id))?.user, id, `${id} on b keeps working`);
  await store.set(firstOnA, { ...data, user: 'again' }, 60);
  assert.equal((await store.get(firstOnA))?.user, 'again', 'a new login lands on b');
  assert.match((await store.health()).detail, new RegExp(`${a.server.replace(/\./g, '\\.')} down`));

  await a.start();
  await sleep(600);
  await store.ping();
  assert.deepEqual(
    store.status().map((s) => s.up),
    [true, true],
  );
  await store.set(onA[1] ?? '', { ...data, user: 'on a again' }, 60);
  assert.equal(await where(onA[1] ?? ''), 'a', 'a holds its keys again');
});

test('IPv6: memcached on ::1, as a bare address and as [::1]:port', async (t) => {
  if (!(await hasIpv6Loopback())) {
    t.skip('this machine has no IPv6 loopback (::1)');
    return;
  }
  const mc = await startMemcached(t, { host: '::1' });
  for (const hosts of [[mc.server], ['::1']]) {
    const store = storeFor(t, hosts, { port: mc.port });
    await store.set('v6', data, 60);
    assert.deepEqual(await store.get('v6'), data);
    assert.deepEqual(await store.health(), { ok: true, detail: `memcached [::1]:${mc.port} up` });
  }
  await mc.stop();
  const store = storeFor(t, [mc.server]);
  assert.match(await storeError(store.get('v6')), new RegExp(`memcached at \\[::1\\]:${mc.port} failed`));
});
