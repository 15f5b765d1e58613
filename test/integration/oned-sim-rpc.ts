// Test helper: XML-RPC calls to a running simulator over a real socket (one connection per call,
// as oned closes it), decoded with the project's codec.
import { request } from 'undici';
import { decodeResponse, encodeCall, type MethodResponse, type XmlRpcValue } from '../../src/one/codec.js';

export async function rpcRaw(url: string, method: string, ...params: XmlRpcValue[]): Promise<MethodResponse> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: encodeCall(method, params),
  });
  return decodeResponse(Buffer.from(await res.body.arrayBuffer()));
}

/** oned's answer array ([true, value, 0] or [false, message, code, resp_id, -1]). */
export async function rpc(url: string, method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue[]> {
  const r = await rpcRaw(url, method, ...params);
  if (r.fault) throw new Error(`unexpected fault ${r.code}: ${r.message}`);
  if (!Array.isArray(r.value)) throw new Error(`answer is not an array: ${JSON.stringify(r.value)}`);
  return r.value;
}

/** The success value, or an error with oned's message. */
export async function ok(url: string, method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
  const v = await rpc(url, method, ...params);
  if (v[0] !== true) throw new Error(`${method} failed: ${String(v[1])} (${String(v[2])})`);
  return v[1] as XmlRpcValue;
}

/** A document answer. */
export async function doc(url: string, method: string, ...params: XmlRpcValue[]): Promise<string> {
  const v = await ok(url, method, ...params);
  if (typeof v !== 'string') throw new Error(`${method} did not answer a document`);
  return v;
}

/** IDs of the top-level objects of a pool document, in document order. */
export function poolIds(xml: string, element: string): number[] {
  const ids: number[] = [];
  const re = new RegExp(`<${element}><ID>(\\d+)</ID>`, 'g');
  for (const m of xml.matchAll(re)) ids.push(Number(m[1]));
  return ids;
}

/** The text of the first <TAG>...</TAG> (CDATA unwrapped). */
export function field(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${tag}>`).exec(xml);
  return m?.[1];
}
