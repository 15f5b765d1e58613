import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, encodeFault, encodeResponse, I8 } from '../../../src/one/codec.js';
import { decodeText } from '../../../src/one/xml-text.js';
import { decodeTagSlices, splitLargeStringAnswer } from '../../../src/one/large-answer.js';

test('splitLargeStringAnswer finds the document of a success answer', () => {
  const doc = '<VM_POOL><VM><NAME>a &amp; b é 😀</NAME></VM></VM_POOL>';
  const buf = encodeResponse([true, doc, 0]);
  const split = splitLargeStringAnswer(buf);
  assert.ok(split);
  assert.deepEqual(split.response, { fault: false, value: [true, '', 0] });
  assert.equal(decodeText(buf, split.start, split.end), doc);
});

test('splitLargeStringAnswer declines every other shape (the caller decodes whole)', () => {
  assert.equal(
    splitLargeStringAnswer(encodeResponse([false, '[one.vm.info] no', 1024, 1, new I8(-1)])),
    null,
  );
  assert.equal(splitLargeStringAnswer(encodeFault(-506, 'nope')), null);
  assert.equal(splitLargeStringAnswer(encodeResponse([true, 5, 0])), null);
  assert.equal(splitLargeStringAnswer(encodeResponse(['x', 'y'])), null);
  const cdata = Buffer.from(
    '<?xml version="1.0"?><methodResponse><params><param><value><array><data>' +
      '<value><boolean>1</boolean></value><value><string><![CDATA[<VM/>]]></string></value>' +
      '<value><i4>0</i4></value></data></array></value></param></params></methodResponse>',
  );
  assert.equal(splitLargeStringAnswer(cdata), null);
  assert.throws(() => splitLargeStringAnswer(Buffer.from('<html><string>x</string></html>')), {
    code: 'SUN_ERR_ONE_XMLRPC_PARSE',
  });
});

test('decodeTagSlices: joined slices equal decodeText for any slice size, in text without tags too', () => {
  // One long text node: no tag to cut before, so every cut must avoid entities and UTF-8 sequences.
  const doc = `<N>${Array.from({ length: 300 }, (_, i) => `v${i} &amp; ü€😀 &#233;&#x1F600;`).join('')}</N>`;
  const buf = encodeResponse([true, `<R>${doc}</R>`, 0]);
  const split = splitLargeStringAnswer(buf);
  assert.ok(split);
  const whole = decodeText(buf, split.start, split.end);
  for (const size of [64, 65, 67, 70, 100, 999, 4096, 1 << 20]) {
    const slices: string[] = [...decodeTagSlices(buf, split.start, split.end, size)];
    assert.equal(slices.join(''), whole, `slice ${size}`);
    if (size < 1000) assert.ok(slices.length > 10, `slice ${size}: ${slices.length} slices`);
  }
  assert.deepEqual(decodeResponse(buf), { fault: false, value: [true, `<R>${doc}</R>`, 0] });
});

test('decodeTagSlices: joined slices equal decodeText; each ends just before a tag when it can', () => {
  const doc = Array.from({ length: 300 }, (_, i) => `<VM><N>v${i} &amp; ü€😀 &#233;</N><E/></VM>`).join('');
  const long = 'x'.repeat(5000);
  const buf = encodeResponse([true, `<VM_POOL>${doc}<T>${long}</T></VM_POOL>`, 0]);
  const split = splitLargeStringAnswer(buf);
  assert.ok(split);
  const whole = decodeText(buf, split.start, split.end);
  for (const size of [64, 100, 999, 4096, 1 << 20]) {
    const slices: string[] = [...decodeTagSlices(buf, split.start, split.end, size)];
    assert.equal(slices.join(''), whole, `slice ${size}`);
    for (const [i, slice] of slices.entries()) {
      assert.ok(
        Buffer.byteLength(slice) <= Math.max(64, size),
        `slice ${size}: #${i} is not longer than asked`,
      );
      // Every slice but the last is followed by a tag, except where 5,000 characters of text
      // leave no tag to cut before.
      const next = slices[i + 1];
      if (next !== undefined && !next.startsWith('x')) assert.equal(next[0], '<', `slice ${size}: #${i + 1}`);
    }
  }
});
