// ByteWriter (src/one/byte-writer.ts): UTF-8 in pieces of a fixed size, no string ever split.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteWriter } from '../../../src/one/byte-writer.js';

test('the pieces join to the UTF-8 of what was written; each piece decodes on its own', () => {
  const w = new ByteWriter(64);
  const parts = ['{"a":', '"é😀€"', ',', 'x'.repeat(30), 'ü'.repeat(21), 'y'.repeat(200), '}'];
  for (const p of parts) w.write(p);
  assert.equal(w.length, Buffer.byteLength(parts.join('')));
  const pieces = w.take();
  assert.ok(pieces.length > 3, `${pieces.length} pieces`);
  assert.equal(Buffer.concat(pieces).toString(), parts.join(''));
  assert.equal(pieces.map((p) => p.toString()).join(''), parts.join(''), 'no character cut in two');
  assert.ok(
    pieces.every((p) => p.length <= 64 || parts.includes(p.toString())),
    'only an oversized string alone',
  );
});

test('take() empties the writer; nothing written gives no piece', () => {
  const w = new ByteWriter();
  assert.deepEqual(w.take(), []);
  w.write('abc');
  assert.deepEqual(
    w.take().map((p) => p.toString()),
    ['abc'],
  );
  assert.deepEqual(w.take(), []);
  assert.equal(w.length, 0);
});
