// decodeText, the byte loop that un-escapes every string oned sends (pool answers carry millions of
// entities): the five named entities, character references, CDATA, and what is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../src/one/xml-text.js';

function dec(s: string): string {
  const b = Buffer.from(`<s>${s}</s>`, 'utf8');
  return decodeText(b, 3, b.length - 4);
}

test('named entities', () => {
  assert.equal(dec('&lt;VM&gt;a &amp; b &quot;q&quot; &apos;s&apos;&lt;/VM&gt;'), '<VM>a & b "q" \'s\'</VM>');
  assert.equal(dec('&amp;amp;'), '&amp;', 'decoded once');
});

test('character references, decimal and hex, to UTF-8 of every length', () => {
  assert.equal(dec('&#64;&#xe9;&#233;&#x2603;&#X1F600;&#x0d;&#13;'), '@éé☃😀\r\r');
});

test('what is not an entity stays as text', () => {
  for (const s of [
    'a & b',
    '&',
    '&lt',
    '&amp',
    '&nbsp;',
    '&#;',
    '&#x;',
    '&#12a;',
    '&#x110000;',
    '&#xD800;',
    '&#1234567890123;',
    'x&',
    '&q',
    '&quo;',
    '&ap;',
  ]) {
    assert.equal(dec(s), s, JSON.stringify(s));
  }
  assert.equal(dec('&&amp;&'), '&&&');
});

test('an entity cut by the end of the range is not read past it', () => {
  const b = Buffer.from('&amp;&lt;', 'latin1');
  assert.equal(decodeText(b, 0, 4), '&amp');
  assert.equal(decodeText(b, 0, 5), '&');
  assert.equal(decodeText(b, 5, 8), '&lt');
  const r = Buffer.from('&#233;', 'latin1');
  assert.equal(decodeText(r, 0, 5), '&#233');
});

test('CDATA is unwrapped verbatim; non-ASCII text passes through', () => {
  assert.equal(dec('a<![CDATA[<b> &amp; ]]>c &amp; ünï'), 'a<b> &amp; c & ünï');
  assert.equal(dec('plain ünïcode ☃'), 'plain ünïcode ☃');
});
