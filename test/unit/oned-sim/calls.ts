// Test helpers over the fixture's dispatcher: the value of a call that must succeed, oned's
// message and code of one that must fail, and small readers of the answered documents.
import type { XmlRpcValue } from '../../../src/one/codec.js';
import type { Fixture } from './fixture.js';

export const ADMIN = 'oneadmin:opennebula';
export const DEMO = 'demo:demo';
export const ALICE = 'alice:alice';

export function ok(f: Fixture, method: string, ...params: XmlRpcValue[]): XmlRpcValue {
  const r = f.call(method, ...params);
  if (!Array.isArray(r)) throw new Error(`${method}: fault ${r.fault} ${r.message}`);
  if (r[0] !== true) throw new Error(`${method} failed: ${String(r[1])} (${String(r[2])})`);
  return r[1] as XmlRpcValue;
}

export function doc(f: Fixture, method: string, ...params: XmlRpcValue[]): string {
  const v = ok(f, method, ...params);
  if (typeof v !== 'string') throw new Error(`${method} did not answer a document`);
  return v;
}

export function refused(
  f: Fixture,
  method: string,
  ...params: XmlRpcValue[]
): { message: string; code: number } {
  const r = f.call(method, ...params);
  if (!Array.isArray(r)) throw new Error(`${method}: fault ${r.fault} ${r.message}`);
  if (r[0] !== false) throw new Error(`${method} succeeded, expected a failure`);
  return { message: r[1] as string, code: r[2] as number };
}

/** The text of the first <TAG>...</TAG> (CDATA unwrapped). */
export function field(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${tag}>`).exec(xml);
  return m?.[1];
}

/** The <ID>s inside the first <TAG>...</TAG>. */
export function idList(xml: string, tag: string): number[] {
  const m = new RegExp(`<${tag}>(.*?)</${tag}>`).exec(xml);
  return [...(m?.[1] ?? '').matchAll(/<ID>(\d+)<\/ID>/g)].map((x) => Number(x[1]));
}

/** Top-level object ids of a pool document. */
export function poolIds(xml: string, element: string): number[] {
  return [...xml.matchAll(new RegExp(`<${element}><ID>(\\d+)</ID>`, 'g'))].map((x) => Number(x[1]));
}
