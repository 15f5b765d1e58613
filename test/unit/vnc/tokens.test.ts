// VNC tokens: random, stored as tickets, bound to the user who asked, used once, short-lived.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore } from '../../../src/session/memory-store.js';
import { VncTokens } from '../../../src/vnc/tokens.js';

const GRANT = { user: 'demo', vm: 3, host: 'node01', port: 5903 };

function setup(): { tokens: VncTokens; store: MemoryStore; clock: { now: number } } {
  const clock = { now: 1_700_000_000_000 };
  const store = new MemoryStore({ now: () => clock.now });
  return { tokens: new VncTokens({ store, now: () => clock.now }), store, clock };
}

test('a token opens its console once, for the user it was issued to', async () => {
  const { tokens, store } = setup();
  const token = await tokens.issue(GRANT);
  assert.match(token, /^[0-9a-f]{32}$/);
  assert.notEqual(await tokens.issue(GRANT), token, 'every call gives a new token');
  assert.ok(await store.peekTicket(`vnc:${token}`), 'kept in the session store under vnc:<token>');
  await assert.rejects(tokens.open(token, 'alice'), { code: 'SUN_ERR_VNC_TOKEN_INVALID', statusCode: 403 });
  assert.deepEqual(await tokens.open(token, 'demo'), GRANT, "another user's attempt did not spend it");
  await assert.rejects(tokens.open(token, 'demo'), { code: 'SUN_ERR_VNC_TOKEN_INVALID' }, 'used up');
});

test('without a user the token alone authorises (the websockify port)', async () => {
  const { tokens } = setup();
  const token = await tokens.issue(GRANT);
  assert.deepEqual(await tokens.open(token), GRANT);
});

test('a token not used within its lifetime is refused as expired', async () => {
  const { tokens, clock } = setup();
  const token = await tokens.issue(GRANT);
  clock.now += 59_000;
  const fresh = await tokens.issue(GRANT);
  clock.now += 1_000;
  await assert.rejects(tokens.open(token, 'demo'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'SUN_ERR_VNC_TOKEN_EXPIRED');
    assert.match(err.message, /within 60 s/);
    return true;
  });
  assert.deepEqual(await tokens.open(fresh, 'demo'), GRANT);
});

test('missing, malformed and unknown tokens', async () => {
  const { tokens } = setup();
  await assert.rejects(tokens.open(undefined), { code: 'SUN_ERR_VNC_TOKEN_MISSING', statusCode: 400 });
  await assert.rejects(tokens.open('../../etc/passwd'), { code: 'SUN_ERR_VNC_TOKEN_INVALID' });
  await assert.rejects(tokens.open('0'.repeat(32)), { code: 'SUN_ERR_VNC_TOKEN_INVALID' });
});

test('the lifetime option is checked', () => {
  assert.throws(() => new VncTokens({ store: new MemoryStore(), ttlSeconds: 0 }), {
    code: 'SUN_ERR_VNC_OPTION',
  });
});
