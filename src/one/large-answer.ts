// Large oned answers without one long stall. An unpaged pool (one.vmpool.infoextended, or any pool
// with paging off) can be 100+ MB of escaped XML inside one <string>. Decoding it in one go blocks
// the event loop for about half a second per 140 MB, and then the whole document exists twice
// (bytes and string). Instead the envelope is checked on a copy with that string left out, and the
// string is decoded slice by slice, straight into the XML -> JSON builder. The same goes for any
// answer from a few tens of KB on (a pool page): a decoded string over 128 KiB is a V8 large object.
import { decodeResponse, type MethodResponse } from './codec.js';
import { decodeText } from './xml-text.js';

const STRING_OPEN = Buffer.from('<string>', 'latin1');
const STRING_CLOSE = Buffer.from('</string>', 'latin1');
const LT = 0x3c;
const AMP = 0x26;
const SEMI = 0x3b;
const LT_ENTITY = Buffer.from('&lt;', 'latin1');

export interface LargeStringAnswer {
  /** The answer with element [1] emptied ('' where the document was). */
  readonly response: MethodResponse;
  /** Byte range of the escaped document inside the answer. */
  readonly start: number;
  readonly end: number;
}

/**
 * Finds the document of a success answer [true, <string>document</string>, 0]. Returns null when the
 * answer has another shape (a failure, a fault, CDATA in the string ...): the caller then decodes it
 * whole, which is always correct.
 */
export function splitLargeStringAnswer(buf: Buffer): LargeStringAnswer | null {
  const open = buf.indexOf(STRING_OPEN);
  if (open < 0) return null;
  const start = open + STRING_OPEN.length;
  // The text is escaped, so its first '<' must be </string>; anything else (CDATA, markup) and the
  // caller decodes the answer whole. One byte search (memchr), not a pattern search, over 100+ MB.
  const end = buf.indexOf(LT, start);
  if (end < 0 || !buf.subarray(end, end + STRING_CLOSE.length).equals(STRING_CLOSE)) return null;
  const response = decodeResponse(Buffer.concat([buf.subarray(0, start), buf.subarray(end)]));
  if (response.fault) return null;
  const v = response.value;
  if (!Array.isArray(v) || v[0] !== true || v[1] !== '') return null;
  return { response, start, end };
}

/** A cut at or before `cut` (and after `pos`) that splits no entity and no UTF-8 sequence. */
function safeCut(buf: Buffer, pos: number, cut: number): number {
  // An entity is '&' ... ';' within 12 bytes: if one is open at the cut, cut before its '&'.
  for (let k = cut - 1; k >= cut - 12 && k > pos; k--) {
    const b = buf[k];
    if (b === SEMI) break;
    if (b === AMP) {
      cut = k;
      break;
    }
  }
  // Never inside a UTF-8 sequence: back up over continuation bytes.
  while (cut > pos + 1 && ((buf[cut] as number) & 0xc0) === 0x80) cut--;
  return cut;
}

/**
 * Decoded text of buf[start, end) in slices of about `sliceBytes`; the slices joined equal
 * decodeText(buf, start, end) (without CDATA). Each slice ends, where the text allows, just before
 * the escaped '<' of a tag ("&lt;"), else where no entity and no UTF-8 sequence is split, so that the fast scanner (xml-scan.ts, sliced mode) never sees a token cut in two.
 * Slices of a few tens of KB also stay under V8's large-object size (128 KiB): a pool page decoded
 * as one string of 260 KB went straight to the old generation, 22 MB of it per 20,000-VM listing,
 * freed only by a full collection.
 */
export function* decodeTagSlices(
  buf: Buffer,
  start: number,
  end: number,
  sliceBytes = 16 * 1024,
): Generator<string, void, undefined> {
  let pos = start;
  while (pos < end) {
    let cut = Math.min(end, pos + Math.max(64, sliceBytes));
    if (cut < end) {
      const tag = buf.lastIndexOf(LT_ENTITY, cut);
      cut = tag > pos ? tag : safeCut(buf, pos, cut);
    }
    yield decodeText(buf, pos, cut);
    pos = cut;
  }
}
