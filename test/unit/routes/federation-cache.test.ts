// The FEDERATION facts cache of logins (src/routes/federation-cache.ts): one one.system.config per
// endpoint per TTL, shared by concurrent logins, failures never kept, a bound on endpoints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { XmlRpcValue } from '../../../src/one/codec.js';
import type { CallOptions } from '../../../src/one/types.js';
import { createFederationCache } from '../../../src/routes/federation-cache.js';

const CONFIG = (zone: string, mode: string): string =>
  `<OPENNEBULA_CONFIGURATION><PORT>2633</PORT><FEDERATION><MASTER_ONED/><MODE>${mode}</MODE>` +
  `<SERVER_ID>-1</SERVER_ID><ZONE_ID>${zone}</ZONE_ID></FEDERATION></OPENNEBULA_CONFIGURATION>`;

interface Recorded {
  readonly session: string;
  readonly method: string;
  readonly endpoint: string | undefined;
}

/** A oned stand-in: answers one.system.config with `answer(endpoint)`, recording each call. */
function fakeOned(answer: (endpoint: string | undefined) => Promise<XmlRpcValue>) {
  const calls: Recorded[] = [];
  return {
    calls,
    oneClient: {
      call(session: string, method: string, _params: readonly XmlRpcValue[], opts: CallOptions = {}) {
        calls.push({ session, method, endpoint: opts.endpoint });
        return answer(opts.endpoint);
      },
    },
  };
}

test('the facts come from one.system.config as serveradmin, and are reused for the TTL', async () => {
  let now = 1_000;
  const oned = fakeOned(async () => CONFIG('0', 'standalone'));
  const cache = createFederationCache({
    oneClient: oned.oneClient,
    serverSession: () => 'serveradmin:token',
    ttlMs: 60_000,
    now: () => now,
  });
  assert.deepEqual(await cache.get(undefined), { zoneId: '0', mode: 'standalone' });
  assert.deepEqual(oned.calls, [
    { session: 'serveradmin:token', method: 'one.system.config', endpoint: undefined },
  ]);
  now += 59_999;
  await cache.get(undefined);
  assert.equal(oned.calls.length, 1, 'within the TTL: no call');
  now += 1;
  await cache.get(undefined);
  assert.equal(oned.calls.length, 2, 'expired: asked again');
});

test('each endpoint has its own facts', async () => {
  const oned = fakeOned(async (endpoint) =>
    endpoint === undefined ? CONFIG('0', 'MASTER') : CONFIG('100', 'SLAVE'),
  );
  const cache = createFederationCache({ oneClient: oned.oneClient, serverSession: () => 's' });
  assert.deepEqual(await cache.get('http://zone2:2633/RPC2'), { zoneId: '100', mode: 'SLAVE' });
  assert.deepEqual(await cache.get(undefined), { zoneId: '0', mode: 'MASTER' });
  assert.deepEqual(await cache.get('http://zone2:2633/RPC2'), { zoneId: '100', mode: 'SLAVE' });
  assert.deepEqual(
    oned.calls.map((c) => c.endpoint),
    ['http://zone2:2633/RPC2', undefined],
  );
});

test('no FEDERATION section: both facts undefined', async () => {
  const oned = fakeOned(async () => '<OPENNEBULA_CONFIGURATION><PORT>2633</PORT></OPENNEBULA_CONFIGURATION>');
  const cache = createFederationCache({ oneClient: oned.oneClient, serverSession: () => 's' });
  assert.deepEqual(await cache.get(undefined), { zoneId: undefined, mode: undefined });
});

test('concurrent logins share one call', async () => {
  let release: (xml: string) => void = () => undefined;
  const oned = fakeOned(() => new Promise<XmlRpcValue>((resolve) => (release = resolve)));
  const cache = createFederationCache({ oneClient: oned.oneClient, serverSession: () => 's' });
  const all = Promise.all([cache.get(undefined), cache.get(undefined), cache.get(undefined)]);
  release(CONFIG('3', 'STANDALONE'));
  for (const facts of await all) assert.equal(facts.zoneId, '3');
  assert.equal(oned.calls.length, 1);
});

test('a failure reaches every waiting login and is not kept: the next get asks again', async () => {
  let fail = true;
  const oned = fakeOned(async () => {
    if (fail) throw new Error('connection refused');
    return CONFIG('0', 'STANDALONE');
  });
  const cache = createFederationCache({ oneClient: oned.oneClient, serverSession: () => 's' });
  await Promise.all([
    assert.rejects(cache.get(undefined), /connection refused/),
    assert.rejects(cache.get(undefined), /connection refused/),
  ]);
  assert.equal(oned.calls.length, 1);
  fail = false;
  assert.equal((await cache.get(undefined)).zoneId, '0');
  assert.equal(oned.calls.length, 2);
});

test('an answer that is not XML rejects with the endpoint named', async () => {
  const oned = fakeOned(async () => '<OPENNEBULA_CONFIGURATION>');
  const cache = createFederationCache({ oneClient: oned.oneClient, serverSession: () => 's' });
  await assert.rejects(
    cache.get('http://zone9:2633/RPC2'),
    /one\.system\.config at http:\/\/zone9:2633\/RPC2/,
  );
});

test('bounded: beyond maxEndpoints the oldest endpoint is forgotten', async () => {
  const oned = fakeOned(async () => CONFIG('0', 'STANDALONE'));
  const cache = createFederationCache({
    oneClient: oned.oneClient,
    serverSession: () => 's',
    maxEndpoints: 2,
  });
  await cache.get('http://a/RPC2');
  await cache.get('http://b/RPC2');
  await cache.get('http://c/RPC2');
  await cache.get('http://b/RPC2');
  assert.equal(oned.calls.length, 3, 'b is still held');
  await cache.get('http://a/RPC2');
  assert.equal(oned.calls.length, 4, 'a was evicted and is asked again');
});
