import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticate } from '../../../src/oned-sim/auth.js';
import { decryptServerToken, sha1Hex, sha256Hex } from '../../../src/oned-sim/cipher.js';
import { cipherToken, fixture } from './fixture.js';

const now = (f: ReturnType<typeof fixture>): number => f.sim.now();

test('server_cipher: oned decrypts with the stored SHA-256 (key = [0..31], iv = [0..15])', () => {
  // Reference vector V1 (oned-xmlrpc.md §6): plain password "secretpass".
  const stored = sha256Hex('secretpass');
  assert.equal(
    decryptServerToken(stored, 'n0rGDr78MR14yFVo12Zgdorz2g+D3gvmLU/In/O3i7g='),
    'serveradmin:oneadmin:4102444800',
  );
  assert.equal(
    decryptServerToken(sha256Hex('otherpass'), 'n0rGDr78MR14yFVo12Zgdorz2g+D3gvmLU/In/O3i7g='),
    null,
  );
  assert.equal(decryptServerToken(stored, 'not base64!'), null);
  assert.equal(decryptServerToken(stored, ''), null);
});

test('core users: the clear password matches the stored SHA-256; wrong password and unknown user fail', () => {
  const f = fixture();
  const who = authenticate(f.sim.state, 'demo:demo', now(f));
  assert.deepEqual(who && { uid: who.uid, gid: who.gid, admin: who.admin }, { uid: 2, gid: 1, admin: false });
  assert.equal(authenticate(f.sim.state, 'oneadmin:opennebula', now(f))?.admin, true);
  assert.equal(authenticate(f.sim.state, 'demo:wrong', now(f)), null);
  assert.equal(authenticate(f.sim.state, 'nobody:demo', now(f)), null);
  assert.equal(authenticate(f.sim.state, 'nocolon', now(f)), null);
  // The hash itself is not a password: oned hashes what it receives.
  assert.equal(authenticate(f.sim.state, `demo:${sha256Hex('demo')}`, now(f)), null);
});

test('a disabled core user is refused; a legacy SHA-1 password is accepted and re-stored as SHA-256', () => {
  const f = fixture();
  const demo = f.sim.state.userByName('demo');
  assert.ok(demo);
  demo.enabled = false;
  assert.equal(authenticate(f.sim.state, 'demo:demo', now(f)), null);
  demo.enabled = true;
  demo.password = sha1Hex('demo');
  demo.session = null;
  assert.equal(authenticate(f.sim.state, 'demo:demo', now(f))?.uid, 2);
  assert.equal(demo.password, sha256Hex('demo'));
});

test('serveradmin acts for a user with a valid token, as that user', () => {
  const f = fixture();
  const expiry = now(f) + 600;
  const token = cipherToken(f.serverPassword, `serveradmin:demo:${expiry}`);
  const who = authenticate(f.sim.state, `serveradmin:demo:${token}`, now(f));
  assert.deepEqual(who && { uid: who.uid, admin: who.admin }, { uid: 2, admin: false });
  // The target inside the plaintext is not compared with the session's target (oned behaviour).
  assert.equal(authenticate(f.sim.state, `serveradmin:alice:${token}`, now(f))?.uid, 3);
  // Acting as itself it is an administrator (group oneadmin).
  const self = cipherToken(f.serverPassword, `serveradmin:serveradmin:${expiry}`);
  assert.equal(authenticate(f.sim.state, `serveradmin:serveradmin:${self}`, now(f))?.admin, true);
});

test('server_cipher refusals: expired, wrong server user, bad Base64, wrong key, unknown target, plain password', () => {
  const f = fixture();
  const s = f.sim.state;
  const t = now(f);
  const expired = cipherToken(f.serverPassword, `serveradmin:demo:${t - 1}`);
  assert.equal(authenticate(s, `serveradmin:demo:${expired}`, t), null);
  const otherUser = cipherToken(f.serverPassword, `otheradmin:demo:${t + 600}`);
  assert.equal(authenticate(s, `serveradmin:demo:${otherUser}`, t), null);
  assert.equal(authenticate(s, 'serveradmin:demo:%%%not-base64%%%', t), null);
  const wrongKey = cipherToken('not-the-password', `serveradmin:demo:${t + 600}`);
  assert.equal(authenticate(s, `serveradmin:demo:${wrongKey}`, t), null);
  const good = cipherToken(f.serverPassword, `serveradmin:nobody:${t + 600}`);
  assert.equal(authenticate(s, `serveradmin:nobody:${good}`, t), null);
  assert.equal(authenticate(s, `serveradmin:${f.serverPassword}`, t), null);
});

test('server_cipher with an EGID scopes the request to that group; a group the user is not in fails', () => {
  const f = fixture();
  const t = now(f);
  const token = cipherToken(f.serverPassword, `serveradmin:demo:${t + 600}`);
  const who = authenticate(f.sim.state, `serveradmin:demo:1:${token}`, t);
  assert.deepEqual(who && { gid: who.gid, groups: [...who.groups], scoped: who.scoped }, {
    gid: 1,
    groups: [1],
    scoped: true,
  });
  assert.equal(authenticate(f.sim.state, `serveradmin:demo:100:${token}`, t), null);
  assert.equal(authenticate(f.sim.state, `serveradmin:demo:x:${token}`, t), null);
});

test('login tokens: created by one.user.login, accepted until they expire, revoked by valid = 0', () => {
  const f = fixture();
  const r = f.call('one.user.login', 'demo:demo', 'demo', '', 60);
  assert.ok(Array.isArray(r) && r[0] === true, JSON.stringify(r));
  const token = r[1] as string;
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.equal(authenticate(f.sim.state, `demo:${token}`, now(f))?.uid, 2);
  f.clock.ms += 61_000;
  assert.equal(authenticate(f.sim.state, `demo:${token}`, now(f)), null);

  const forever = f.call('one.user.login', 'demo:demo', 'demo', 'mytoken', -1) as unknown[];
  assert.equal(forever[1], 'mytoken');
  assert.equal(authenticate(f.sim.state, 'demo:mytoken', now(f))?.uid, 2);
  assert.deepEqual(f.call('one.user.login', 'demo:demo', 'demo', 'mytoken', 0), [true, 'mytoken', 0]);
  assert.equal(authenticate(f.sim.state, 'demo:mytoken', now(f)), null);
  const missing = f.call('one.user.login', 'demo:demo', 'demo', 'gone', 0) as unknown[];
  assert.deepEqual(missing.slice(0, 3), [false, '[one.user.login] Could not find token: gone', 4096]);
  const bad = f.call('one.user.login', 'demo:demo', 'demo', '', -2) as unknown[];
  assert.deepEqual(bad.slice(0, 3), [false, '[one.user.login] Wrong valid period for token', 4096]);
});

test('login tokens: another user cannot mint one for demo; a group token is scoped', () => {
  const f = fixture();
  const r = f.call('one.user.login', 'alice:alice', 'demo', '', 60) as unknown[];
  assert.deepEqual(r.slice(0, 3), [
    false,
    '[one.user.login] User [3] : Not authorized to perform MANAGE USER [2].',
    512,
  ]);
  const scoped = f.call('one.user.login', 'demo:demo', 'demo', '', 60, 1) as unknown[];
  const who = authenticate(f.sim.state, `demo:${String(scoped[1])}`, now(f));
  assert.equal(who?.scoped, true);
  const full = f.call('one.user.login', `demo:${String(scoped[1])}`, 'demo', '', 60) as unknown[];
  assert.deepEqual(full.slice(0, 2), [
    false,
    '[one.user.login] Cannot create a full token with a specific group token',
  ]);
});

test('a password change wipes the cached session and login tokens', () => {
  const f = fixture();
  const token = (f.call('one.user.login', 'demo:demo', 'demo', '', -1) as unknown[])[1] as string;
  assert.deepEqual(f.call('one.user.passwd', 'demo:demo', 2, 'newpass'), [true, 2, 0]);
  assert.equal(authenticate(f.sim.state, 'demo:demo', now(f)), null);
  assert.equal(authenticate(f.sim.state, `demo:${token}`, now(f)), null);
  assert.equal(authenticate(f.sim.state, 'demo:newpass', now(f))?.uid, 2);
});
