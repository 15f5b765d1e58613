// The bytes of oned's answers, as xmlrpc-c writes them (reference oned-xmlrpc.md §1.2): success
// [true, value, 0], failure [false, message, code, resp_id, <i8>-1], or a <fault> struct.
// Documents take a fast path: their escaped text is spliced in directly, so a pool answer is
// built from cached fragments without re-escaping megabytes of XML.
import { I8, encodeFault, encodeResponse } from '../one/codec.js';
import { XmlDoc, type MethodResult } from './call.js';
import type { OnedFailure, XmlRpcFault } from './errors.js';

const CRLF = '\r\n';
const DOC_HEAD =
  `<?xml version="1.0" encoding="UTF-8"?>${CRLF}<methodResponse>${CRLF}<params>${CRLF}` +
  `<param><value><array><data>${CRLF}<value><boolean>1</boolean></value>${CRLF}<value><string>`;
const DOC_TAIL =
  `</string></value>${CRLF}<value><i4>0</i4></value>${CRLF}</data></array></value></param>${CRLF}` +
  `</params>${CRLF}</methodResponse>${CRLF}`;

const HEAD_BYTES = Buffer.from(DOC_HEAD, 'latin1');
const TAIL_BYTES = Buffer.from(DOC_TAIL, 'latin1');

export function successBody(value: MethodResult): Buffer {
  if (value instanceof XmlDoc) {
    const doc = typeof value.escaped === 'string' ? Buffer.from(value.escaped, 'utf8') : value.escaped;
    return Buffer.concat([HEAD_BYTES, doc, TAIL_BYTES]);
  }
  return encodeResponse([true, value, 0]);
}

export function failureBody(f: OnedFailure): Buffer {
  return encodeResponse([false, f.message, f.onedCode, f.respId, new I8(-1)]);
}

export function faultBody(f: XmlRpcFault): Buffer {
  return encodeFault(f.faultCode, f.message);
}
