import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionSecret } from '../../../src/config/derive-secret.js';

const creds = { user: 'serveradmin', password: '1612b78a4843647a4b541346f678f9e1b43bbcf9' };

test(':session_secret is used as it is when set', () => {
  const s = 'k'.repeat(32);
  assert.deepEqual(sessionSecret({ session_secret: s }, creds), Buffer.from(s));
});

test('without :session_secret every instance sharing sunstone_auth derives the same key', () => {
  const a = sessionSecret({ session_secret: null }, creds);
  const b = sessionSecret({ session_secret: null }, { ...creds });
  assert.equal(a.length, 32);
  assert.deepEqual(a, b);
  assert.ok(!a.toString('latin1').includes(creds.password));
});

test('another serveradmin password gives another key', () => {
  const a = sessionSecret({ session_secret: null }, creds);
  const b = sessionSecret({ session_secret: null }, { ...creds, password: 'other' });
  assert.notDeepEqual(a, b);
});
