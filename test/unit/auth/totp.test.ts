import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTotp, isTotpSecret, totpCode, totpUri, twoFactorSecretOf } from '../../../src/auth/totp.js';

// RFC 6238 appendix B: the SHA-1 key is the ASCII "12345678901234567890", base32 below.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEP = 30_000;

test('codes are RFC 6238 SHA-1, 6 digits, 30 s steps (the last 6 digits of the RFC vectors)', () => {
  assert.equal(totpCode(RFC_SECRET, 59_000), '287082');
  assert.equal(totpCode(RFC_SECRET, 1_111_111_109_000), '081804');
  assert.equal(totpCode(RFC_SECRET, 1_234_567_890_000), '005924');
  assert.equal(totpCode(RFC_SECRET, 2_000_000_000_000), '279037');
});

test('the current step and one step of drift each way are accepted; two steps are not', () => {
  const now = 1_700_000_000_000;
  for (const steps of [-1, 0, 1]) {
    assert.equal(
      checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now + steps * STEP), now),
      true,
      `${steps} steps`,
    );
  }
  for (const steps of [-2, 2]) {
    const code = totpCode(RFC_SECRET, now + steps * STEP);
    // A code of another step may coincide with an accepted one by chance (1 in 10^6): skip that case.
    const accepted = [-1, 0, 1].map((s) => totpCode(RFC_SECRET, now + s * STEP));
    if (!accepted.includes(code)) assert.equal(checkTotp(RFC_SECRET, code, now), false, `${steps} steps`);
  }
});

test('secrets enrolled by Ruby Sunstone work in any case and with padding; codes may hold spaces', () => {
  const now = 1_700_000_000_000;
  const code = totpCode(RFC_SECRET, now);
  assert.equal(checkTotp(RFC_SECRET.toLowerCase(), code, now), true);
  assert.equal(checkTotp(`${RFC_SECRET}====`, code, now), true);
  assert.equal(checkTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now), true);
});

test('wrong codes, malformed codes and unusable secrets are refused, never thrown', () => {
  const now = 1_700_000_000_000;
  const code = totpCode(RFC_SECRET, now);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  assert.equal(checkTotp(RFC_SECRET, wrong, now), false);
  for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`])
    assert.equal(checkTotp(RFC_SECRET, bad, now), false);
  for (const secret of ['', 'not base32!', '0189', 'A'.repeat(200)]) {
    assert.equal(isTotpSecret(secret), false, secret);
    assert.equal(checkTotp(secret, code, now), false, secret);
  }
  assert.equal(isTotpSecret(RFC_SECRET), true);
});

test('the provisioning URI names the issuer and the account', () => {
  const uri = totpUri(RFC_SECRET, 'opennebula', 'alice');
  assert.match(uri, /^otpauth:\/\/totp\/opennebula:alice\?/);
  const q = new URL(uri).searchParams;
  assert.equal(q.get('secret'), RFC_SECRET);
  assert.equal(q.get('issuer'), 'opennebula');
  assert.equal(q.get('algorithm'), 'SHA1');
  assert.equal(q.get('digits'), '6');
  assert.equal(q.get('period'), '30');
  assert.match(totpUri(RFC_SECRET, '', 'bob'), /^otpauth:\/\/totp\/sunstone-opennebula:bob\?/);
});

test('the secret is read from TEMPLATE/SUNSTONE/TWO_FACTOR_AUTH_SECRET', () => {
  const doc = (sunstone: unknown) => ({ USER: { NAME: 'a', TEMPLATE: { SUNSTONE: sunstone } } }) as never;
  assert.equal(twoFactorSecretOf(doc({ TWO_FACTOR_AUTH_SECRET: RFC_SECRET, LANG: 'en' })), RFC_SECRET);
  assert.equal(twoFactorSecretOf(doc({ TWO_FACTOR_AUTH_SECRET: '' })), undefined);
  assert.equal(twoFactorSecretOf(doc({ TWO_FACTOR_AUTH_SECRET: {} })), undefined);
  assert.equal(twoFactorSecretOf(doc(undefined)), undefined);
  assert.equal(twoFactorSecretOf({}), undefined);
});
