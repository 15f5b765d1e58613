// XML-RPC codec: methodCall / methodResponse to and from Buffers. Shared by the oned client and
// the simulator. Works on bytes, not strings: a 20 MB pool answer carries millions of entities, and
// a byte loop un-escapes them several times faster than string replacement (reference deps.md §2b).
// The encoder writes what xmlrpc-c writes (oned-xmlrpc.md §1.2): CRLF after each array item,
// strings escaped (never CDATA), <i4>/<i8>/<boolean>/<double>.

import { SunstoneError } from '../errors.js';
import { decodeText } from './xml-text.js';

/** A 64-bit integer to be sent as <i8> (oned's replication index, image sizes). */
export class I8 {
  constructor(readonly value: number) {}
}

export type XmlRpcValue =
  string | number | boolean | null | I8 | XmlRpcValue[] | { [key: string]: XmlRpcValue };

export interface MethodCall {
  readonly method: string;
  readonly params: XmlRpcValue[];
}

export type MethodResponse =
  | { readonly fault: false; readonly value: XmlRpcValue }
  | { readonly fault: true; readonly code: number; readonly message: string };

export class XmlRpcParseError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_ONE_XMLRPC_PARSE', message, { statusCode: 502 });
    this.name = 'XmlRpcParseError';
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

const CRLF = '\r\n';

export function escapeXmlText(s: string): string {
  if (!/[<>&\r]/.test(s)) return s;
  return s.replace(/[<>&\r]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&#x0d;',
  );
}

function encodeValue(v: XmlRpcValue, out: string[]): void {
  if (typeof v === 'string') {
    out.push('<value><string>', escapeXmlText(v), '</string></value>');
  } else if (typeof v === 'number') {
    if (Number.isInteger(v)) {
      const tag = v >= -2147483648 && v <= 2147483647 ? 'i4' : 'i8';
      out.push(`<value><${tag}>${v}</${tag}></value>`);
    } else {
      out.push(`<value><double>${v}</double></value>`);
    }
  } else if (typeof v === 'boolean') {
    out.push(`<value><boolean>${v ? 1 : 0}</boolean></value>`);
  } else if (v === null) {
    out.push('<value><nil/></value>');
  } else if (v instanceof I8) {
    out.push(`<value><i8>${Math.trunc(v.value)}</i8></value>`);
  } else if (Array.isArray(v)) {
    out.push('<value><array><data>', CRLF);
    for (const item of v) {
      encodeValue(item, out);
      out.push(CRLF);
    }
    out.push('</data></array></value>');
  } else {
    out.push('<value><struct>', CRLF);
    for (const [name, item] of Object.entries(v)) {
      out.push('<member><name>', escapeXmlText(name), '</name>', CRLF);
      encodeValue(item, out);
      out.push('</member>', CRLF);
    }
    out.push('</struct></value>');
  }
}

export function encodeCall(method: string, params: readonly XmlRpcValue[]): Buffer {
  const out: string[] = [
    '<?xml version="1.0"?><methodCall><methodName>',
    escapeXmlText(method),
    '</methodName><params>',
  ];
  for (const p of params) {
    out.push('<param>');
    encodeValue(p, out);
    out.push('</param>');
  }
  out.push('</params></methodCall>');
  return Buffer.from(out.join(''), 'utf8');
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>${CRLF}<methodResponse>${CRLF}`;

export function encodeResponse(value: XmlRpcValue): Buffer {
  const out: string[] = [HEAD, '<params>', CRLF, '<param>'];
  encodeValue(value, out);
  out.push('</param>', CRLF, '</params>', CRLF, '</methodResponse>', CRLF);
  return Buffer.from(out.join(''), 'utf8');
}

export function encodeFault(code: number, message: string): Buffer {
  const out = [
    HEAD,
    '<fault>',
    CRLF,
    '<value><struct>',
    CRLF,
    '<member><name>faultCode</name>',
    CRLF,
    `<value><i4>${code}</i4></value></member>`,
    CRLF,
    '<member><name>faultString</name>',
    CRLF,
    `<value><string>${escapeXmlText(message)}</string></value></member>`,
    CRLF,
    '</struct></value>',
    CRLF,
    '</fault>',
    CRLF,
    '</methodResponse>',
    CRLF,
  ];
  return Buffer.from(out.join(''), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Decoding

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** Cursor over a Buffer of XML-RPC; only the tags XML-RPC uses, no attributes, no namespaces. */
class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  fail(what: string): never {
    const near = this.buf.toString('utf8', this.pos, Math.min(this.buf.length, this.pos + 40));
    throw new XmlRpcParseError(
      `malformed XML-RPC: ${what} at byte ${this.pos} (near ${JSON.stringify(near)})`,
    );
  }

  /** Next tag (name with a leading '/' for closing tags, trailing '/' for empty ones); skips text,
   * comments and the XML declaration. Returns null at the end of input. */
  nextTag(): string | null {
    const buf = this.buf;
    for (;;) {
      const lt = buf.indexOf(LT, this.pos);
      if (lt < 0) return null;
      const gt = buf.indexOf(GT, lt + 1);
      if (gt < 0) {
        this.pos = lt;
        this.fail('unterminated tag');
      }
      const first = buf[lt + 1];
      this.pos = gt + 1;
      if (first === 0x3f /* ? */ || first === 0x21 /* ! */) continue;
      let name = buf.toString('latin1', lt + 1, gt).trim();
      const sp = name.search(/\s/);
      if (sp > 0) name = name.slice(0, sp) + (name.endsWith('/') ? '/' : '');
      return name;
    }
  }

  expect(name: string): void {
    const tag = this.nextTag();
    if (tag !== name) this.fail(`expected <${name}>, found ${tag === null ? 'end of input' : `<${tag}>`}`);
  }

  /** Text up to the closing tag `</name>`, entities decoded. */
  textUntil(name: string): string {
    const close = Buffer.from(`</${name}>`, 'latin1');
    const end = this.buf.indexOf(close, this.pos);
    if (end < 0) this.fail(`missing </${name}>`);
    const s = decodeText(this.buf, this.pos, end);
    this.pos = end + close.length;
    return s;
  }
}

function readValueBody(r: Reader): XmlRpcValue {
  // Called just after <value>. Either a typed child or untyped text (a string).
  const save = r.pos;
  const lt = r.buf.indexOf(LT, r.pos);
  if (lt < 0) r.fail('unterminated <value>');
  if (r.buf[lt + 1] === SLASH) {
    // <value>text</value>: untyped means string
    const s = decodeText(r.buf, save, lt);
    r.pos = lt;
    r.expect('/value');
    return s;
  }
  const tag = r.nextTag();
  let v: XmlRpcValue;
  switch (tag) {
    case 'string':
      v = r.textUntil('string');
      break;
    case 'string/':
      v = '';
      break;
    case 'i4':
    case 'int':
    case 'i8':
    case 'ex:i8': {
      const t = r.textUntil(tag).trim();
      const n = Number(t);
      if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(n)) r.fail(`bad integer ${JSON.stringify(t)}`);
      v = n;
      break;
    }
    case 'boolean': {
      const t = r.textUntil('boolean').trim();
      if (t !== '0' && t !== '1') r.fail(`bad boolean ${JSON.stringify(t)}`);
      v = t === '1';
      break;
    }
    case 'double': {
      const t = r.textUntil('double').trim();
      const n = Number(t);
      if (t === '' || Number.isNaN(n)) r.fail(`bad double ${JSON.stringify(t)}`);
      v = n;
      break;
    }
    case 'nil/':
    case 'ex:nil/':
      v = null;
      break;
    case 'base64':
      v = Buffer.from(r.textUntil('base64'), 'base64').toString('utf8');
      break;
    case 'dateTime.iso8601':
      v = r.textUntil('dateTime.iso8601');
      break;
    case 'array':
      v = readArray(r);
      break;
    case 'struct':
      v = readStruct(r);
      break;
    default:
      r.fail(`unknown XML-RPC type <${tag ?? ''}>`);
  }
  r.expect('/value');
  return v;
}

function readArray(r: Reader): XmlRpcValue[] {
  const items: XmlRpcValue[] = [];
  const first = r.nextTag();
  if (first === 'data/') {
    r.expect('/array');
    return items;
  }
  if (first !== 'data') r.fail(`expected <data>, found <${first ?? ''}>`);
  for (;;) {
    const tag = r.nextTag();
    if (tag === '/data') break;
    if (tag !== 'value') r.fail(`expected <value> in array, found <${tag ?? ''}>`);
    items.push(readValueBody(r));
  }
  r.expect('/array');
  return items;
}

function readStruct(r: Reader): { [key: string]: XmlRpcValue } {
  const obj: { [key: string]: XmlRpcValue } = {};
  for (;;) {
    const tag = r.nextTag();
    if (tag === '/struct') break;
    if (tag !== 'member') r.fail(`expected <member>, found <${tag ?? ''}>`);
    r.expect('name');
    const name = r.textUntil('name');
    r.expect('value');
    obj[name] = readValueBody(r);
    r.expect('/member');
  }
  return obj;
}

export function decodeResponse(buf: Buffer): MethodResponse {
  const r = new Reader(buf);
  r.expect('methodResponse');
  const tag = r.nextTag();
  if (tag === 'fault') {
    r.expect('value');
    const v = readValueBody(r);
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof I8)
      return r.fail('fault is not a struct');
    const code = v.faultCode;
    const message = v.faultString;
    return {
      fault: true,
      code: typeof code === 'number' ? code : 0,
      message: typeof message === 'string' ? message : '',
    };
  }
  if (tag !== 'params') r.fail(`expected <params> or <fault>, found <${tag ?? ''}>`);
  r.expect('param');
  r.expect('value');
  return { fault: false, value: readValueBody(r) };
}

export function decodeCall(buf: Buffer): MethodCall {
  const r = new Reader(buf);
  r.expect('methodCall');
  r.expect('methodName');
  const method = r.textUntil('methodName').trim();
  const params: XmlRpcValue[] = [];
  const tag = r.nextTag();
  if (tag === 'params') {
    for (;;) {
      const t = r.nextTag();
      if (t === '/params') break;
      if (t !== 'param') r.fail(`expected <param>, found <${t ?? ''}>`);
      r.expect('value');
      params.push(readValueBody(r));
      r.expect('/param');
    }
    r.expect('/methodCall');
  } else if (tag !== 'params/' && tag !== '/methodCall') {
    r.fail(`expected <params>, found <${tag ?? ''}>`);
  }
  return { method, params };
}
