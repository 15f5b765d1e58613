import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forwardedNode, MAX_FORWARDED_ELEMENTS, parseForwarded } from '../../../src/http/forwarded.js';

test('RFC 7239 examples: tokens, quoted values, IPv6 in brackets with a port, case-insensitive names', () => {
  assert.deepEqual(parseForwarded('for="_gazonk"'), [{ for: '_gazonk' }]);
  assert.deepEqual(parseForwarded('For="[2001:db8:cafe::17]:4711"'), [{ for: '2001:db8:cafe::17' }]);
  assert.deepEqual(parseForwarded('for=192.0.2.60;proto=http;by=203.0.113.43'), [
    { for: '192.0.2.60', proto: 'http' },
  ]);
  assert.deepEqual(parseForwarded('for=192.0.2.43, for=198.51.100.17'), [
    { for: '192.0.2.43' },
    { for: '198.51.100.17' },
  ]);
});

test('host, proto in capitals, IPv4 with a port, empty elements and pairs without a value', () => {
  assert.deepEqual(parseForwarded('for=10.1.2.3:5555;Proto=HTTPS;host="sun.example:8443", ,for='), [
    { for: '10.1.2.3', proto: 'https', host: 'sun.example:8443' },
    {},
  ]);
});

test('commas and semicolons inside quoted strings do not split, escapes are undone', () => {
  assert.deepEqual(parseForwarded('for="a,b;c";host="x\\"y"'), [{ for: 'a,b;c', host: 'x"y' }]);
});

test('a bare IPv6 (not bracketed) stays whole, identifiers keep their text', () => {
  assert.equal(forwardedNode('2001:db8::1'), '2001:db8::1');
  assert.equal(forwardedNode('unknown'), 'unknown');
  assert.equal(forwardedNode('[::1]'), '::1');
});

test('a header longer than any real chain of proxies is cut', () => {
  const long = Array.from({ length: MAX_FORWARDED_ELEMENTS + 10 }, (_, i) => `for=10.0.0.${i % 250}`).join(
    ',',
  );
  assert.equal(parseForwarded(long).length, MAX_FORWARDED_ELEMENTS);
});
