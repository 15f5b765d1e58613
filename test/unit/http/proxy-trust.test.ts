import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileProxyTrust } from '../../../src/http/proxy-trust.js';

test('addresses and CIDR ranges, IPv4 and IPv6', () => {
  const t = compileProxyTrust(['127.0.0.1/8', '::1', '10.20.0.0/16', '2001:db8:1::/48', '192.0.2.7']);
  for (const a of ['127.0.0.1', '127.9.9.9', '::1', '10.20.255.1', '2001:db8:1:ffff::5', '192.0.2.7']) {
    assert.equal(t.trusts(a), true, a);
  }
  for (const a of ['10.21.0.1', '2001:db8:2::1', '192.0.2.8', '::2', 'unknown', '', undefined]) {
    assert.equal(t.trusts(a), false, String(a));
  }
});

test('an IPv4 client on a dual-stack socket (::ffff:a.b.c.d) matches IPv4 ranges', () => {
  const t = compileProxyTrust(['10.0.0.0/8']);
  assert.equal(t.trusts('::ffff:10.1.2.3'), true);
  assert.equal(t.trusts('::ffff:11.1.2.3'), false);
});

test('link-local addresses with a zone id', () => {
  const t = compileProxyTrust(['fe80::/10']);
  assert.equal(t.trusts('fe80::1%eth0'), true);
});

test('an empty list trusts nobody', () => {
  const t = compileProxyTrust([]);
  assert.equal(t.trusts('127.0.0.1'), false);
  assert.equal(t.fastifyTrust('127.0.0.1', 0), false);
});

test('peerIsProxy (Passenger): hop 0 is trusted whatever it is, later hops by the list', () => {
  const t = compileProxyTrust(['10.0.0.1'], { peerIsProxy: true });
  assert.equal(t.fastifyTrust('127.0.0.1', 0), true);
  assert.equal(t.trustsPeer(undefined), true);
  assert.equal(t.fastifyTrust('127.0.0.1', 1), false);
  assert.equal(t.fastifyTrust('10.0.0.1', 1), true);
  const plain = compileProxyTrust(['10.0.0.1']);
  assert.equal(plain.fastifyTrust('127.0.0.1', 0), false);
});

test('an entry that is not an address or range names itself and the key', () => {
  for (const bad of ['localhost', '10.0.0.0/33', '::1/129', '10.0.0.0/x']) {
    assert.throws(
      () => compileProxyTrust(['127.0.0.1', bad]),
      (err: Error & { code?: string }) =>
        err.code === 'SUN_ERR_HTTP_TRUSTED_PROXIES' &&
        err.message.includes(`"${bad}"`) &&
        err.message.includes(':trusted_proxies'),
      bad,
    );
  }
});
