import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  candidateDns,
  certificateFromHeader,
  escapeDn,
  isProxyCertificate,
  onelineDn,
} from '../../../src/auth/x509-dn.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/x509/${name}`, import.meta.url), 'utf8');
const DAVE_PEM = fixture('dave.pem');
const DAVE = new X509Certificate(DAVE_PEM);

test('the certificate header in the forms web servers send', () => {
  const fingerprint = DAVE.fingerprint256;
  const forms: Record<string, string> = {
    'PEM as is': DAVE_PEM,
    'Apache: line breaks as spaces (what Sunstone expects)': DAVE_PEM.trim().replace(/\n/g, ' '),
    'nginx $ssl_client_escaped_cert': encodeURIComponent(DAVE_PEM),
    'nginx $ssl_client_cert: continuation lines start with a tab': DAVE_PEM.trim().replace(/\n/g, '\n\t'),
  };
  for (const [name, value] of Object.entries(forms)) {
    assert.equal(certificateFromHeader(value)?.fingerprint256, fingerprint, name);
  }
});

test('no certificate: absent, empty, Apache (null), garbage, truncated, oversized', () => {
  const body = DAVE_PEM.trim().replace(/\n/g, ' ');
  for (const value of [
    undefined,
    '',
    '(null)',
    'hello',
    body.slice(0, body.length / 2),
    `${body}${' '.repeat(20_000)}`,
  ]) {
    assert.equal(certificateFromHeader(value), null, String(value).slice(0, 20));
  }
  assert.equal(certificateFromHeader('-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----'), null);
});

test('DNs in the one-line form Ruby prints, escaped as oned stores them', () => {
  assert.equal(onelineDn(DAVE.subject), '/C=ES/O=OpenNebula Test/CN=Dave Smith');
  assert.equal(onelineDn(DAVE.issuer), '/C=ES/O=OpenNebula Test/CN=Test CA');
  assert.equal(
    escapeDn('/C=ES/O=OpenNebula Test/CN=Dave Smith'),
    '/C=ES/O=OpenNebula\\20Test/CN=Dave\\20Smith',
  );
  assert.equal(escapeDn('a\tb\nc'), 'a\\9b\\ac');
  // `openssl x509 -noout -subject -nameopt compat` (X509_NAME_oneline, as Ruby's Name#to_s) printed:
  // RFC 2253 escapes undone, '/' and '+' escaped, UTF-8 bytes as \xHH, '+' inside a multi-valued RDN.
  const odd = new X509Certificate(fixture('odd-name.pem'));
  assert.equal(onelineDn(odd.subject), '/O=Smith, Jones/CN=Jos\\xC3\\xA9+UID=jo/OU=a\\/b');
  assert.equal(onelineDn('O=a\\+b\nOU=c\\\\d'), '/O=a\\+b/OU=c\\d');
});

test('candidate DNs: the subject; for a proxy certificate also its issuer and the chain', () => {
  const proxy = new X509Certificate(fixture('proxy.pem'));
  assert.equal(isProxyCertificate(DAVE), false);
  assert.equal(isProxyCertificate(proxy), true);
  assert.deepEqual(candidateDns(DAVE, [new X509Certificate(fixture('ca.pem'))]), [
    '/C=ES/O=OpenNebula\\20Test/CN=Dave\\20Smith',
  ]);
  assert.deepEqual(candidateDns(proxy, [DAVE]), [
    '/C=ES/O=OpenNebula\\20Test/CN=Dave\\20Smith/CN=12345',
    '/C=ES/O=OpenNebula\\20Test/CN=Dave\\20Smith',
  ]);
});
