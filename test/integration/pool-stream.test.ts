// GET /vm written page by page on a real socket: a page failing half way must break the answer (the
// client sees an error, not a JSON that looks complete), and a client going away stops the paging.
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { request, type IncomingMessage } from 'node:http';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ONE_CALL_CHANNEL, type OneCallEvent } from '../../src/one/types.js';
import { buildTestApp, type TestAppOptions } from '../helpers/app.js';

async function listening(t: TestContext, opts: TestAppOptions) {
  const h = await buildTestApp(t, opts);
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = h.app.server.address();
  assert.ok(addr !== null && typeof addr === 'object');
  const s = await h.login('oneadmin', 'opennebula');
  return { ...h, port: addr.port, headers: s.headers };
}

/** Counts one.vmpool.info calls, and runs `onCall` after each (in the client, before the next). */
function watchPoolCalls(
  t: TestContext,
  onCall: (n: number) => void = () => undefined,
): { count: () => number } {
  let n = 0;
  const listener = (message: unknown): void => {
    if ((message as OneCallEvent).method === 'one.vmpool.info') onCall(++n);
  };
  subscribe(ONE_CALL_CHANNEL, listener);
  t.after(() => unsubscribe(ONE_CALL_CHANNEL, listener));
  return { count: () => n };
}

/** GET over a plain socket; resolves with status, headers and the body, or how the body ended. */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ res: IncomingMessage; body: string; ended: 'complete' | 'broken' }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ res, body, ended: 'complete' }));
        res.on('error', () => resolve({ res, body, ended: 'broken' }));
        res.on('aborted', () => resolve({ res, body, ended: 'broken' }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

for (const encoding of ['identity', 'gzip']) {
  test(`a page failing after the answer started breaks the connection (${encoding})`, async (t) => {
    const h = await listening(t, { vms: 60, pageSize: 5 });
    // After the second page, oned stops answering: the listing is already being written by then.
    watchPoolCalls(t, (n) => {
      if (n === 2) h.sim.faults.refuse = true;
    });
    const r = await get(h.port, '/vm?pool_filter=-2', { ...h.headers, 'accept-encoding': encoding });
    assert.equal(r.res.statusCode, 200, 'the first page was fine, so the answer had started');
    assert.equal(r.ended, 'broken');
    if (encoding === 'identity') {
      assert.ok(r.body.startsWith('{"VM_POOL":{"VM":[{'), r.body.slice(0, 40));
      assert.throws(() => JSON.parse(r.body) as unknown, SyntaxError);
    }
  });
}

test('oned failing on the first page still gives an error status and the error JSON', async (t) => {
  const h = await listening(t, { vms: 60, pageSize: 5 });
  h.sim.faults.refuse = true;
  const r = await get(h.port, '/vm?pool_filter=-2', h.headers);
  assert.equal(r.res.statusCode, 503);
  assert.equal(r.ended, 'complete');
  assert.ok((JSON.parse(r.body) as { error: { message: string } }).error.message.length > 0);
});

test('a client that goes away stops the paging', async (t) => {
  const h = await listening(t, { vms: 300, pageSize: 5 });
  const calls = watchPoolCalls(t);
  h.sim.faults.latencyMs = 20; // 60 pages: the listing takes a while
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.port, path: '/vm', headers: h.headers }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', () => undefined);
    req.once('error', reject);
    req.end();
  });
  const atAbort = calls.count();
  await sleep(300); // enough for many more pages, had the paging gone on
  assert.ok(calls.count() <= atAbort + 2, `${calls.count()} calls after ${atAbort} at the abort`);
  assert.ok(calls.count() < 60, 'not every page was fetched');
});
