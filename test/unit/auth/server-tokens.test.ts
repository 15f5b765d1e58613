import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, createHash } from 'node:crypto';
import { ServerTokens } from '../../../src/auth/server-tokens.js';

const CREDS = { user: 'serveradmin', password: 's3cr3t-serveradmin' };

/** What oned reads from a session string: the plaintext inside the token. */
function opened(session: string): string {
  const token = session.split(':')[2] ?? '';
  const h = createHash('sha256').update(CREDS.password).digest('hex');
  const d = createDecipheriv('aes-256-cbc', Buffer.from(h.slice(0, 32)), Buffer.from(h.slice(0, 16)));
  return Buffer.concat([d.update(Buffer.from(token, 'base64')), d.final()]).toString();
}

function clock(startSeconds: number) {
  let ms = startSeconds * 1000;
  return {
    now: () => ms,
    advance: (s: number) => {
      ms += s * 1000;
    },
  };
}

test('a session string names the server user and the target, and expires after expireDelta', () => {
  const c = clock(1_700_000_000);
  const tokens = new ServerTokens(CREDS, { now: c.now });
  const s = tokens.sessionFor('alice');
  assert.match(s, /^serveradmin:alice:[A-Za-z0-9+/]+=*$/);
  assert.equal(opened(s), 'serveradmin:alice:1700001800');
});

test('the same token is reused while more than the margin of its life remains, then renewed', () => {
  const c = clock(1_700_000_000);
  const tokens = new ServerTokens(CREDS, { now: c.now });
  const first = tokens.sessionFor('alice');
  c.advance(1499); // 301 s left
  assert.equal(tokens.sessionFor('alice'), first);
  c.advance(1); // exactly 300 s left: no longer "more than" the margin
  const second = tokens.sessionFor('alice');
  assert.notEqual(second, first);
  assert.equal(opened(second), 'serveradmin:alice:1700003300');
  c.advance(10);
  assert.equal(tokens.sessionFor('alice'), second);
});

test('custom delta and margin are honoured', () => {
  const c = clock(1000);
  const tokens = new ServerTokens(CREDS, { now: c.now, expireDelta: 100, expireMargin: 10 });
  const a = tokens.sessionFor('u');
  assert.equal(opened(a), 'serveradmin:u:1100');
  c.advance(89);
  assert.equal(tokens.sessionFor('u'), a);
  c.advance(1);
  assert.notEqual(tokens.sessionFor('u'), a);
});

test('each user has a token of their own; forServer is serveradmin itself', () => {
  const tokens = new ServerTokens(CREDS, { now: () => 0 });
  assert.notEqual(tokens.sessionFor('alice'), tokens.sessionFor('bob'));
  assert.equal(opened(tokens.forServer()), 'serveradmin:serveradmin:1800');
  assert.ok(tokens.forServer().startsWith('serveradmin:serveradmin:'));
});

test('the cache is a bounded LRU: the least recently used user is dropped', () => {
  const c = clock(5000);
  const tokens = new ServerTokens(CREDS, { now: c.now, maxEntries: 2 });
  const a = tokens.sessionFor('a');
  c.advance(1);
  const b = tokens.sessionFor('b');
  c.advance(1);
  assert.equal(tokens.sessionFor('a'), a); // a is now the most recent
  tokens.sessionFor('c'); // evicts b
  assert.equal(tokens.size, 2);
  assert.equal(tokens.sessionFor('a'), a);
  assert.notEqual(tokens.sessionFor('b'), b); // b was made anew (a later expiry)
  assert.equal(tokens.size, 2);
});

test('clear() forgets every token', () => {
  const c = clock(0);
  const tokens = new ServerTokens(CREDS, { now: c.now });
  const a = tokens.sessionFor('a');
  tokens.clear();
  assert.equal(tokens.size, 0);
  c.advance(1);
  assert.notEqual(tokens.sessionFor('a'), a);
});

test('impossible options are refused with a code', () => {
  const code = { code: 'SUN_ERR_AUTH_TOKEN_OPTIONS' };
  assert.throws(() => new ServerTokens(CREDS, { expireDelta: 0 }), code);
  assert.throws(() => new ServerTokens(CREDS, { expireDelta: 100, expireMargin: 200 }), code);
  assert.throws(() => new ServerTokens(CREDS, { maxEntries: 0 }), code);
  assert.throws(() => new ServerTokens(CREDS, { expireMargin: 1.5 }), code);
});
