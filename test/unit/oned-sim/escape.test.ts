import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXmlText } from '../../../src/one/codec.js';
import { escapeToBuffer } from '../../../src/oned-sim/xml/escape.js';

test('escapes documents exactly as the codec does (&, <, >, CR), multibyte text untouched', () => {
  for (const s of [
    '',
    'plain',
    '<VM><NAME>a & b</NAME></VM>',
    '<X><![CDATA[1 > 0 && 2 < 3]]></X>',
    'line\r\nnext',
    'snow ☃ and 😀 <é>',
    '&amp;&lt;&gt;',
  ])
    assert.equal(escapeToBuffer(s).toString('utf8'), escapeXmlText(s), JSON.stringify(s));
});
