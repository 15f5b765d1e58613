// Escaping a document for the XML-RPC <string> that carries it, as xmlrpc-c does (&, <, > and CR;
// the same output as the codec's escapeXmlText). Done on bytes: a pool document of several
// megabytes holds hundreds of thousands of tags, and a byte loop is an order of magnitude faster
// than regular-expression replacement on the string.

const AMP = 0x26;
const LT = 0x3c;
const GT = 0x3e;
const CR = 0x0d;

export function escapeToBuffer(xml: string): Buffer {
  const src = Buffer.from(xml, 'utf8');
  let extra = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as number;
    if (c === LT || c === GT) extra += 3;
    else if (c === AMP) extra += 4;
    else if (c === CR) extra += 5;
  }
  if (extra === 0) return src;
  const out = Buffer.allocUnsafe(src.length + extra);
  let o = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as number;
    if (c === LT) {
      out[o++] = AMP;
      out[o++] = 0x6c; // l
      out[o++] = 0x74; // t
      out[o++] = 0x3b; // ;
    } else if (c === GT) {
      out[o++] = AMP;
      out[o++] = 0x67; // g
      out[o++] = 0x74; // t
      out[o++] = 0x3b;
    } else if (c === AMP) {
      out[o++] = AMP;
      out[o++] = 0x61; // a
      out[o++] = 0x6d; // m
      out[o++] = 0x70; // p
      out[o++] = 0x3b;
    } else if (c === CR) {
      o += out.write('&#x0d;', o, 'latin1');
    } else out[o++] = c;
  }
  return out;
}
