import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  newSessionId,
  sessionCookieOptions,
  SessionCookieVerifier,
  signSessionId,
  verifySessionCookie,
} from '../../../src/session/cookie.js';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');

test('session ids carry 256 random bits and differ each time', () => {
  const a = newSessionId();
  const b = newSessionId();
  assert.notEqual(a, b);
  assert.equal(Buffer.from(a, 'base64url').length, 32);
});

test('a signed id verifies with the same secret only', () => {
  const id = newSessionId();
  const value = signSessionId(id, secret);
  assert.equal(verifySessionCookie(value, secret), id);
  assert.equal(verifySessionCookie(value, Buffer.from('another secret of 32 bytes......')), null);
});

test('tampered, truncated or malformed cookies are rejected', () => {
  const id = newSessionId();
  const value = signSessionId(id, secret);
  const other = newSessionId();
  assert.equal(verifySessionCookie(`${other}${value.slice(id.length)}`, secret), null, 'id swapped');
  assert.equal(verifySessionCookie(value.slice(0, -2), secret), null, 'signature truncated');
  assert.equal(verifySessionCookie(id, secret), null, 'no signature');
  assert.equal(verifySessionCookie('', secret), null);
  assert.equal(verifySessionCookie(undefined, secret), null);
  assert.equal(verifySessionCookie(`../../x.${value.split('.')[1]}`, secret), null);
});

test('the injected randomness is used', () => {
  const id = newSessionId((n) => Buffer.alloc(n, 7));
  assert.equal(id, Buffer.alloc(32, 7).toString('base64url'));
});

test('cookie options: HttpOnly, SameSite=Lax, path from the base path, Secure on https', () => {
  assert.deepEqual(sessionCookieOptions({ basePath: '', secure: false }), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: false,
  });
  const o = sessionCookieOptions({ basePath: '/sunstone', secure: true, expires: 86_400_000 });
  assert.equal(o.path, '/sunstone');
  assert.equal(o.secure, true);
  assert.equal(o.expires?.toISOString(), '1970-01-02T00:00:00.000Z');
});

test('SessionCookieVerifier: the same answers as verifySessionCookie, again and again', () => {
  const v = new SessionCookieVerifier(secret, 2);
  const ids = [newSessionId(), newSessionId(), newSessionId()];
  const values = ids.map((id) => signSessionId(id, secret));
  for (let round = 0; round < 3; round++) {
    values.forEach((value, i) => assert.equal(v.verify(value), ids[i], `round ${round}, cookie ${i}`));
    assert.equal(
      v.verify(`${values[0]?.slice(0, -2)}xx`),
      null,
      'a forged signature, even next to a known value',
    );
    assert.equal(
      v.verify(signSessionId(ids[0] as string, Buffer.from('another secret of 32 bytes......'))),
      null,
    );
    assert.equal(v.verify(undefined), null);
  }
});
