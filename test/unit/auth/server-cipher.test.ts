import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, createHash } from 'node:crypto';
import { serverCipherKey, serverCipherToken, sessionString } from '../../../src/auth/server-cipher.js';

// server-cipher-vectors.md, the "6.2+" column.
const PASS_A = '1612b78a4843647a4b541346f678f9e1b43bbcf9';
const PASS_B = 's3cr3t-serveradmin';
const VECTORS = [
  {
    password: PASS_A,
    target: 'oneadmin',
    expires: 1700000000,
    token: 'dYOK9XquelTI8ab3jOLBpZA6lBUlxSnm1lvVMLeUC9g=',
  },
  {
    password: PASS_A,
    target: 'alice',
    expires: 1893456000,
    token: '4GI5Z932cx/MoDoY7Amtff4DsVCP9tgYbREEaaGqTmU=',
  },
  {
    password: PASS_B,
    target: 'oneadmin',
    expires: 1700000000,
    token: 'YxTOzILJxN1FbIkmN4jCQ+X+IkO08dg4coQOIvv1QyY=',
  },
  {
    password: PASS_B,
    target: 'alice',
    expires: 1893456000,
    token: 'eOykB6PARpjtF+8kidAvX+aJ6xn2FV1cGUVhy9dY0Eg=',
  },
];

for (const v of VECTORS) {
  test(`token vector ${v.password.slice(0, 6)}... serveradmin:${v.target}:${v.expires}`, () => {
    assert.equal(serverCipherToken('serveradmin', v.password, v.target, v.expires), v.token);
    assert.equal(
      sessionString('serveradmin', v.password, v.target, v.expires),
      `serveradmin:${v.target}:${v.token}`,
    );
  });
}

test('key and IV are the first 32 and 16 characters of the SHA-256 hex of the password', () => {
  const k = serverCipherKey(PASS_A);
  assert.equal(k.key.toString('ascii'), 'fea740327d2981e6963996a9cdd1dbc9');
  assert.equal(k.iv.toString('ascii'), 'fea740327d2981e6');
});

test("oned's side decrypts with the stored hash and finds server user, target and expiry", () => {
  const stored = createHash('sha256').update(PASS_B).digest('hex');
  const token = serverCipherToken('serveradmin', PASS_B, 'bob', 1893456000);
  const d = createDecipheriv(
    'aes-256-cbc',
    Buffer.from(stored.slice(0, 32)),
    Buffer.from(stored.slice(0, 16)),
  );
  const plain = Buffer.concat([d.update(Buffer.from(token, 'base64')), d.final()]).toString();
  assert.equal(plain, 'serveradmin:bob:1893456000');
});

test('a fractional expiry is written as whole seconds', () => {
  assert.equal(serverCipherToken('serveradmin', PASS_A, 'oneadmin', 1700000000.9), VECTORS[0]?.token);
});
