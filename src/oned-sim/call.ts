// What a method handler receives and returns. Handlers get their typed arguments (the dispatcher
// has already checked arity and types, as xmlrpc-c's paramList does) and return a value for
// element [1] of oned's success array, or an XML document; failures are thrown as OnedFailure.
import type { XmlRpcValue } from '../one/codec.js';
import { OnedFailure, ONED } from './errors.js';
import type { Identity } from './identity.js';
import type { Sim } from './sim.js';
import { escapeToBuffer } from './xml/escape.js';

/** An XML document answer, kept already escaped for the XML-RPC <string> (pool answers are
 * concatenations of cached, escaped bodies; other documents are escaped as bytes). */
export class XmlDoc {
  constructor(readonly escaped: string | Buffer) {}

  static of(xml: string): XmlDoc {
    return new XmlDoc(escapeToBuffer(xml));
  }
}

export type MethodResult = number | string | boolean | XmlDoc;

export interface CallContext {
  readonly sim: Sim;
  readonly method: string;
  readonly who: Identity;
  readonly reqId: number;
}

/** The parameters after the session string, already type-checked. */
export class Args {
  constructor(private readonly values: readonly XmlRpcValue[]) {}

  get length(): number {
    return this.values.length;
  }

  has(i: number): boolean {
    return i < this.values.length;
  }

  int(i: number, fallback?: number): number {
    const v = this.values[i];
    if (typeof v === 'number') return v;
    if (fallback !== undefined) return fallback;
    throw new RangeError(`argument ${i} is not an integer`);
  }

  str(i: number, fallback?: string): string {
    const v = this.values[i];
    if (typeof v === 'string') return v;
    if (fallback !== undefined) return fallback;
    throw new RangeError(`argument ${i} is not a string`);
  }

  bool(i: number, fallback?: boolean): boolean {
    const v = this.values[i];
    if (typeof v === 'boolean') return v;
    if (fallback !== undefined) return fallback;
    throw new RangeError(`argument ${i} is not a boolean`);
  }

  array(i: number): readonly XmlRpcValue[] {
    const v = this.values[i];
    return Array.isArray(v) ? v : [];
  }
}

/**
 * Parameter types after the session, one letter each: i (i4), s (string), b (boolean), A (array).
 * `optional` groups are read only when the call has at least their first parameter, and then all
 * of them (e.g. template.instantiate's hold + extra_template): a partial group is a -501 fault.
 */
export interface MethodSpec {
  readonly params: string;
  readonly optional?: readonly string[];
  readonly handler: (ctx: CallContext, args: Args) => MethodResult;
}

/** oned's NO_EXISTS failure: "[M] Error getting <object> [id]." (or "... Pool." when id is -1). */
export function noExists(method: string, objectName: string, id: number): OnedFailure {
  const what = id === -1 ? `${objectName} Pool` : `${objectName} [${id}]`;
  return new OnedFailure(ONED.NO_EXISTS, `[${method}] Error getting ${what}.`, id);
}

export function getOr<T>(obj: T | undefined, method: string, objectName: string, id: number): T {
  if (obj === undefined) throw noExists(method, objectName, id);
  return obj;
}

/** oned's failure with the method prefix: "[M] text". */
export function fail(code: number, method: string, text: string, respId = -1): OnedFailure {
  return new OnedFailure(code, `[${method}] ${text}`, respId);
}

/** Whether a call whose arguments have these types (after the session) passes the checks the
 * dispatcher makes: the required types, then whole optional groups in order. */
export function acceptsSignature(spec: MethodSpec, signature: string): boolean {
  if (!signature.startsWith(spec.params)) return false;
  let rest = signature.slice(spec.params.length);
  for (const group of spec.optional ?? []) {
    if (rest === '') return true;
    if (!rest.startsWith(group)) return false;
    rest = rest.slice(group.length);
  }
  return rest === '';
}
