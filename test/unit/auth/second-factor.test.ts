import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasSecurityKeys, secondFactorOf } from '../../../src/auth/second-factor.js';

const KEYS = "{'cs':[{'id':'abc','pk':'pem','cnt':0,'name':'yubikey'}]}";
const doc = (sunstone: Record<string, unknown>) => ({ USER: { TEMPLATE: { SUNSTONE: sunstone } } }) as never;

test('TOTP wins; security keys alone are a second factor too; none otherwise', () => {
  assert.deepEqual(secondFactorOf(doc({ TWO_FACTOR_AUTH_SECRET: 'ABC', WEBAUTHN_CREDENTIALS: KEYS })), {
    kind: 'totp',
    secret: 'ABC',
  });
  assert.deepEqual(secondFactorOf(doc({ WEBAUTHN_CREDENTIALS: KEYS })), { kind: 'security-keys' });
  assert.deepEqual(secondFactorOf(doc({ WEBAUTHN_CREDENTIALS: "{'cs':[]}" })), { kind: 'none' });
  assert.deepEqual(secondFactorOf(doc({ LANG: 'en_US' })), { kind: 'none' });
  assert.deepEqual(secondFactorOf({}), { kind: 'none' });
});

test('unreadable key lists count as keys (fail closed)', () => {
  assert.equal(hasSecurityKeys('{broken'), true);
  assert.equal(hasSecurityKeys("{'other':1}"), true);
  assert.equal(hasSecurityKeys(''), false);
  assert.equal(hasSecurityKeys({}), false);
});
