// Sunstone's JSON text. One object (GET /vm/7) is pretty-printed by Ruby's JSON.pretty_generate;
// pools are compact (golden/README.md "xml2json"). JSON.stringify(x, null, 2) gives pretty_generate's
// bytes for every value an oned document can produce (all golden xml2json cases; json >= 2.8 prints
// `{}` for an empty object, as JS does; both leave non-ASCII, '/', U+2028 and DEL raw, and XML text
// holds no other control characters than tab, LF and CR, which both escape alike).
// A pool of 20,000 VMs is tens of MB of JSON: one JSON.stringify would stall the event loop, so
// jsonChunks() yields the same bytes piece by piece, giving the loop a turn in between.
import { setImmediate as yieldImmediate } from 'node:timers/promises';
import type { OneJsonValue } from './types.js';

/** What Sunstone sends for one object: JSON.pretty_generate's bytes. */
export function toSunstonePrettyJson(value: OneJsonValue): string {
  return JSON.stringify(value, null, 2);
}

export interface JsonChunksOptions {
  /** Roughly how many characters to gather before yielding a chunk (default 64 Ki). */
  readonly chunkChars?: number;
  /** Characters produced between two turns of the event loop (default 1 Mi: a few ms of stringify). */
  readonly yieldEveryChars?: number;
  readonly yieldToLoop?: () => Promise<void>;
}

/**
 * Compact JSON text of `value` in chunks; their concatenation is byte-identical to
 * JSON.stringify(value). The outer objects are walked down to the first arrays, which are split
 * element by element (a pool's `{"VM_POOL":{"VM":[...]}}` splits per VM); each element, and
 * everything else, is stringified whole.
 */
export async function* jsonChunks(
  value: OneJsonValue,
  opts: JsonChunksOptions = {},
): AsyncGenerator<string, void, undefined> {
  const chunkChars = opts.chunkChars ?? 64 * 1024;
  const yieldEvery = opts.yieldEveryChars ?? 1024 * 1024;
  const yieldToLoop = opts.yieldToLoop ?? (() => yieldImmediate());
  let buf = '';
  let sinceYield = 0;
  const parts: string[] = [];

  // Walks the value, pushing text into `parts`; the generator drains them (a generator cannot
  // yield from a nested plain function, and recursion depth is that of the document, which is small).
  function* walk(v: OneJsonValue): Generator<void, void, undefined> {
    if (Array.isArray(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(',');
        parts.push(JSON.stringify(v[i]));
        yield;
      }
      parts.push(']');
    } else if (v !== null && typeof v === 'object') {
      parts.push('{');
      let first = true;
      for (const key of Object.keys(v)) {
        parts.push(first ? '' : ',', JSON.stringify(key), ':');
        first = false;
        const child = v[key] as OneJsonValue;
        // Only containers holding arrays are worth walking; anything else is stringified whole.
        if (hasArray(child)) yield* walk(child);
        else parts.push(JSON.stringify(child));
      }
      parts.push('}');
    } else {
      parts.push(JSON.stringify(v));
    }
  }

  for (const _ of walk(value)) {
    const text = parts.join('');
    parts.length = 0;
    buf += text;
    sinceYield += text.length;
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
    if (sinceYield >= yieldEvery) {
      sinceYield = 0;
      await yieldToLoop();
    }
  }
  buf += parts.join('');
  if (buf.length > 0) yield buf;
}

/** True when an array sits in `v` within two levels (a pool root or its body). */
function hasArray(v: OneJsonValue): boolean {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  for (const key of Object.keys(v)) {
    const c = v[key];
    if (Array.isArray(c)) return true;
  }
  return false;
}
