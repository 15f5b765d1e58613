// The login modes against a user pool in memory (the HTTP tests run them against the simulator).
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { LoginRequest, LoginStrategy } from '../../../src/auth/login-strategy.js';
import { tokenUserOf } from '../../../src/auth/login-strategy.js';
import { tokenEgid } from '../../../src/auth/opennebula-auth.js';
import type { PoolUser } from '../../../src/auth/pool-users.js';
import { remoteStrategy } from '../../../src/auth/remote-auth.js';
import { sha256Hex, sunstoneStrategy } from '../../../src/auth/sunstone-auth.js';
import { UserPoolCache } from '../../../src/auth/user-pool-cache.js';
import { x509Strategy } from '../../../src/auth/x509-auth.js';

const pem = (name: string) => readFileSync(new URL(`../../fixtures/x509/${name}`, import.meta.url), 'utf8');
const DAVE_DN = '/C=ES/O=OpenNebula\\20Test/CN=Dave\\20Smith';

const USERS: PoolUser[] = [
  { id: 2, name: 'demo', driver: 'core', password: sha256Hex('demo'), enabled: true },
  { id: 3, name: 'off', driver: 'core', password: sha256Hex('off'), enabled: false },
  { id: 4, name: 'carol', driver: 'public', password: 'carol', enabled: true },
  { id: 5, name: 'dave', driver: 'x509', password: `/CN=other|${DAVE_DN}`, enabled: true },
  { id: 6, name: 'ldapuser', driver: 'ldap', password: sha256Hex('secret'), enabled: true },
  { id: 7, name: 'pubcore', driver: 'core', password: 'pubcore', enabled: true },
];

const pool = () => new UserPoolCache({ now: () => 0, fetch: async () => USERS });

function req(over: Partial<LoginRequest>): LoginRequest {
  return { basic: null, proxyHeaders: null, peerCertificate: null, ...over };
}

async function login(strategy: LoginStrategy, request: LoginRequest): Promise<string | null | 'none'> {
  const attempt = strategy.attempt(request);
  if (attempt === null) return 'none';
  return (await attempt.verify())?.user ?? null;
}

test('sunstone: SHA-256 of the password against core users only; disabled users refused', async () => {
  const s = sunstoneStrategy(pool());
  assert.equal(await login(s, req({ basic: { user: 'demo', password: 'demo' } })), 'demo');
  assert.equal(await login(s, req({ basic: { user: 'demo', password: 'Demo' } })), null);
  assert.equal(await login(s, req({ basic: { user: 'nobody', password: 'demo' } })), null);
  assert.equal(await login(s, req({ basic: { user: 'off', password: 'off' } })), null);
  assert.equal(await login(s, req({ basic: { user: 'ldapuser', password: 'secret' } })), null);
  assert.equal(await login(s, req({})), 'none');
  assert.equal(s.attempt(req({ basic: { user: 'demo', password: 'x' } }))?.claimed, 'demo');
});

test('remote: the name from a trusted proxy must be the password of a public user', async () => {
  const s = remoteStrategy(pool());
  const from = (headers: Record<string, string>) => req({ proxyHeaders: headers });
  assert.equal(await login(s, from({ 'x-auth-username': 'carol' })), 'carol');
  assert.equal(await login(s, from({ remote_user: 'carol' })), 'carol');
  assert.equal(await login(s, from({ 'remote-user': 'carol' })), 'carol');
  assert.equal(await login(s, from({ 'x-auth-username': 'pubcore' })), null, 'core users are not public');
  assert.equal(await login(s, from({ 'x-auth-username': 'caro' })), null);
  assert.equal(await login(s, from({ 'x-auth-username': '(null)' })), 'none');
  assert.equal(await login(s, from({})), 'none');
  // Not from a trusted proxy: the route passes no headers at all.
  assert.equal(await login(s, req({ basic: { user: 'carol', password: 'carol' } })), 'none');
});

test('x509: the certificate from a trusted proxy header, or a verified TLS certificate', async () => {
  const s = x509Strategy(pool());
  const apache = (name: string) => pem(name).trim().replace(/\n/g, ' ');
  assert.equal(await login(s, req({ proxyHeaders: { ssl_client_cert: apache('dave.pem') } })), 'dave');
  assert.equal(await login(s, req({ proxyHeaders: { 'ssl-client-cert': pem('dave.pem') } })), 'dave');
  assert.equal(await login(s, req({ proxyHeaders: { ssl_client_cert: apache('mallory.pem') } })), null);
  assert.equal(await login(s, req({ proxyHeaders: { ssl_client_cert: '(null)' } })), 'none');
  // A grid proxy: its own DN is unknown, its issuer is dave.
  const proxy = { ssl_client_cert: apache('proxy.pem'), ssl_client_cert_chain_0: apache('dave.pem') };
  assert.equal(await login(s, req({ proxyHeaders: proxy })), 'dave');
  // Directly over TLS.
  const dave = new X509Certificate(pem('dave.pem'));
  assert.equal(await login(s, req({ peerCertificate: dave })), 'dave');
  assert.equal(s.attempt(req({ peerCertificate: dave }))?.claimed, DAVE_DN);
  // A trusted proxy's headers win: its own TLS certificate is never taken for the user's.
  assert.equal(await login(s, req({ proxyHeaders: {}, peerCertificate: dave })), 'none');
});

test('opennebula: a group-scoped login token as password logs in as name:egid', () => {
  const token = 'a'.repeat(64);
  const user = (egid: string) => ({
    NAME: 'demo',
    LOGIN_TOKEN: [
      { TOKEN: 'b1', EGID: '1' },
      { TOKEN: token, EGID: egid },
    ],
  });
  assert.equal(tokenEgid(user('100'), token), 100);
  assert.equal(tokenEgid(user('-1'), token), undefined);
  assert.equal(tokenEgid(user('100'), 'not-a-token!'), undefined);
  assert.equal(tokenEgid({ NAME: 'demo', LOGIN_TOKEN: { TOKEN: token, EGID: '0' } }, token), 0);
  assert.equal(tokenEgid({ NAME: 'demo' }, token), undefined);
  assert.equal(tokenUserOf({ user: 'demo', egid: 100 }), 'demo:100');
  assert.equal(tokenUserOf({ user: 'demo' }), 'demo');
});
