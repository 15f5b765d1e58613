// XML text on bytes: un-escaping the text of XML-RPC values without going through JS strings per
// entity. A 140 MB pool answer carries millions of entities; a byte loop with inline entity
// matching decodes it at about 3 ms/MB (bench/micro/codec.bench.ts), where string replacement
// takes many times longer (reference deps.md §2b).

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMI = 0x3b;

/**
 * The byte an entity at buf[i] ('&') stands for and its length, packed as `byte | length << 8`
 * (one number, no allocation: a pool answer has millions of entities); -1 when it is not one of
 * the five named entities. Bounds are checked against `end`.
 */
function namedEntity(buf: Buffer, i: number, end: number): number {
  const b1 = buf[i + 1];
  if (b1 === 0x6c /* l */ || b1 === 0x67 /* g */) {
    if (i + 3 < end && buf[i + 2] === 0x74 /* t */ && buf[i + 3] === SEMI)
      return (b1 === 0x6c ? LT : GT) | (4 << 8);
    return -1;
  }
  if (b1 === 0x61 /* a */) {
    if (i + 4 < end && buf[i + 2] === 0x6d && buf[i + 3] === 0x70 && buf[i + 4] === SEMI)
      return AMP | (5 << 8);
    if (
      i + 5 < end &&
      buf[i + 2] === 0x70 &&
      buf[i + 3] === 0x6f &&
      buf[i + 4] === 0x73 &&
      buf[i + 5] === SEMI
    ) {
      return 0x27 | (6 << 8);
    }
    return -1;
  }
  if (b1 === 0x71 /* q */) {
    if (
      i + 5 < end &&
      buf[i + 2] === 0x75 &&
      buf[i + 3] === 0x6f &&
      buf[i + 4] === 0x74 &&
      buf[i + 5] === SEMI
    ) {
      return 0x22 | (6 << 8);
    }
  }
  return -1;
}

/** Writes code point `cp` as UTF-8 into out at o; returns the number of bytes written. */
function writeUtf8(out: Buffer, o: number, cp: number): number {
  if (cp < 0x80) {
    out[o] = cp;
    return 1;
  }
  if (cp < 0x800) {
    out[o] = 0xc0 | (cp >> 6);
    out[o + 1] = 0x80 | (cp & 0x3f);
    return 2;
  }
  if (cp < 0x10000) {
    out[o] = 0xe0 | (cp >> 12);
    out[o + 1] = 0x80 | ((cp >> 6) & 0x3f);
    out[o + 2] = 0x80 | (cp & 0x3f);
    return 3;
  }
  out[o] = 0xf0 | (cp >> 18);
  out[o + 1] = 0x80 | ((cp >> 12) & 0x3f);
  out[o + 2] = 0x80 | ((cp >> 6) & 0x3f);
  out[o + 3] = 0x80 | (cp & 0x3f);
  return 4;
}

/**
 * A character reference at buf[i] ('&#...;'): its code point and length packed as
 * `cp * 256 + length`, or -1 when it is not a valid one (then the '&' is kept as text).
 */
function charReference(buf: Buffer, i: number, end: number): number {
  let j = i + 2;
  const hex = buf[j] === 0x78 /* x */ || buf[j] === 0x58; /* X */
  if (hex) j++;
  const first = j;
  let cp = 0;
  for (; j < end && j - i <= 12; j++) {
    const d = buf[j] as number;
    if (d === SEMI) break;
    let v: number;
    if (d >= 0x30 && d <= 0x39) v = d - 0x30;
    else if (hex && d >= 0x61 && d <= 0x66) v = d - 0x57;
    else if (hex && d >= 0x41 && d <= 0x46) v = d - 0x37;
    else return -1;
    cp = cp * (hex ? 16 : 10) + v;
  }
  if (j >= end || buf[j] !== SEMI || j === first || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return -1;
  return cp * 256 + (j + 1 - i);
}

/** UTF-8 text of buf[start, end) with XML entities decoded (and CDATA sections unwrapped). */
export function decodeText(buf: Buffer, start: number, end: number): string {
  // Searches bounded to [start, end): callers decode large answers slice by slice.
  const view = buf.subarray(start, end);
  if (view.indexOf(AMP) < 0 && view.indexOf(LT) < 0) return buf.toString('utf8', start, end);
  // Decoded text is never longer than its source: an entity is at least as long as its UTF-8 form.
  const out = Buffer.allocUnsafe(end - start);
  let o = 0;
  let i = start;
  while (i < end) {
    const c = buf[i] as number;
    if (c !== AMP && c !== LT) {
      out[o++] = c;
      i++;
      continue;
    }
    if (c === LT) {
      // <![CDATA[ ... ]]>: copy verbatim
      if (buf[i + 1] === 0x21) {
        const close = buf.indexOf(']]>', i + 9, 'latin1');
        if (close >= 0 && close < end && buf.toString('latin1', i, i + 9) === '<![CDATA[') {
          o += buf.copy(out, o, i + 9, close);
          i = close + 3;
          continue;
        }
      }
      out[o++] = c;
      i++;
      continue;
    }
    const named = namedEntity(buf, i, end);
    if (named >= 0) {
      out[o++] = named & 0xff;
      i += named >> 8;
      continue;
    }
    const ref = buf[i + 1] === 0x23 /* # */ ? charReference(buf, i, end) : -1;
    if (ref >= 0) {
      o += writeUtf8(out, o, Math.floor(ref / 256));
      i += ref % 256;
      continue;
    }
    out[o++] = c;
    i++;
  }
  return out.toString('utf8', 0, o);
}
