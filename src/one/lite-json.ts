// Sunstone's JSON text from a light tree (xml-lite-tree.ts): compact, as Hash#to_json (pools), or
// pretty, as JSON.pretty_generate (one object), byte-identical to JSON.stringify(v) and
// JSON.stringify(v, null, 2) of the objects xml-tree.ts builds. Repeated child elements become one
// array at the position of the first, as addChild() does; names never need escaping (the scanner only
// accepts [A-Za-z_][A-Za-z0-9_.:-]*), and neither do most values.
import { ByteWriter } from './byte-writer.js';
import { EMPTY_OBJECT, type LiteDocument, type LiteValue } from './xml-lite-tree.js';

/**
 * What JSON.stringify escapes in a string that comes out of the scanner: control characters, '"' and
 * '\\' (the scanner lets no lone surrogate through, the other case JSON.stringify escapes).
 */
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\uffff]/;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * The child elements grouped by name, in order of first appearance: for each group the indexes of
 * its values. Null when no name repeats (the common case, written without grouping).
 */
function groups(names: readonly string[]): number[][] | null {
  const n = names.length;
  if (n < 2) return null;
  if (n <= 16) {
    let repeats = false;
    for (let i = 1; i < n && !repeats; i++) {
      for (let j = 0; j < i; j++) {
        if (names[i] === names[j]) {
          repeats = true;
          break;
        }
      }
    }
    if (!repeats) return null;
  }
  const at = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const name = names[i] as string;
    const g = at.get(name);
    if (g === undefined) at.set(name, [i]);
    else g.push(i);
  }
  return at.size === n ? null : [...at.values()];
}

/** JSON.stringify(value, null, 2) for a value whose own line is indented `depth` times. */
function pretty(v: LiteValue, depth: number, pads: string[]): string {
  if (typeof v === 'string') return quote(v);
  if (v === EMPTY_OBJECT) return '{}';
  const { names, values } = v;
  const g = groups(names);
  const inner = pad(depth + 1, pads);
  const entries: string[] = [];
  if (g === null) {
    for (let i = 0; i < names.length; i++) {
      entries.push(`${inner}"${names[i] as string}": ${pretty(values[i] as LiteValue, depth + 1, pads)}`);
    }
  } else {
    for (const idx of g) {
      const first = idx[0] as number;
      const text =
        idx.length === 1
          ? pretty(values[first] as LiteValue, depth + 1, pads)
          : prettyArray(
              idx.map((i) => values[i] as LiteValue),
              depth + 1,
              pads,
            );
      entries.push(`${inner}"${names[first] as string}": ${text}`);
    }
  }
  return `{\n${entries.join(',\n')}\n${pad(depth, pads)}}`;
}

function prettyArray(items: LiteValue[], depth: number, pads: string[]): string {
  const inner = pad(depth + 1, pads);
  return `[\n${items.map((v) => inner + pretty(v, depth + 1, pads)).join(',\n')}\n${pad(depth, pads)}]`;
}

/** Two spaces per level, made once per document. */
function pad(depth: number, pads: string[]): string {
  let p = pads[depth];
  if (p === undefined) {
    p = '  '.repeat(depth);
    pads[depth] = p;
  }
  return p;
}

/** `{"<ROOT>":...}` as JSON.stringify writes it. */
export function compactDocument(doc: LiteDocument): string {
  const w = new ByteWriter();
  w.write(`{"${doc.name}":`);
  writeCompact(doc.value, w);
  w.write('}');
  return Buffer.concat(w.take()).toString('utf8');
}

/** `{"<ROOT>":...}` as JSON.stringify(v, null, 2) (Ruby's JSON.pretty_generate) writes it. */
export function prettyDocument(doc: LiteDocument): string {
  return `{\n  "${doc.name}": ${pretty(doc.value, 1, [])}\n}`;
}

/** JSON.stringify(v) for a value of the light tree, written into `w`. */
function writeCompact(v: LiteValue, w: ByteWriter): void {
  if (typeof v === 'string') {
    if (NEEDS_ESCAPE.test(v)) w.write(JSON.stringify(v));
    else {
      w.write('"');
      w.write(v);
      w.write('"');
    }
    return;
  }
  if (v === EMPTY_OBJECT) {
    w.write('{}');
    return;
  }
  const { names, values } = v;
  const g = groups(names);
  w.write('{');
  if (g === null) {
    for (let i = 0; i < names.length; i++) {
      w.write(i === 0 ? '"' : ',"');
      w.write(names[i] as string);
      w.write('":');
      writeCompact(values[i] as LiteValue, w);
    }
  } else {
    for (let k = 0; k < g.length; k++) {
      const idx = g[k] as number[];
      const first = idx[0] as number;
      w.write(k === 0 ? '"' : ',"');
      w.write(names[first] as string);
      w.write('":');
      if (idx.length === 1) {
        writeCompact(values[first] as LiteValue, w);
        continue;
      }
      w.write('[');
      for (let j = 0; j < idx.length; j++) {
        if (j > 0) w.write(',');
        writeCompact(values[idx[j] as number] as LiteValue, w);
      }
      w.write(']');
    }
  }
  w.write('}');
}

/**
 * The `element` children of a pool page (`<VM_POOL><VM>...</VM>...</VM_POOL>`): how many, and their
 * compact JSON text joined by commas (as they go inside the pool's array), as UTF-8 in pieces of
 * up to 64 KiB (byte-writer.ts says why bytes). Bytes also keep the page's text out of V8's heap: a
 * page as one string was a large object, which V8 puts straight into the old generation.
 */
export function poolItemsText(doc: LiteDocument, element: string): { count: number; pieces: Buffer[] } {
  const root = doc.value;
  if (typeof root !== 'object') return { count: 0, pieces: [] };
  const w = new ByteWriter();
  let count = 0;
  for (let i = 0; i < root.names.length; i++) {
    if (root.names[i] !== element) continue;
    if (count++ > 0) w.write(',');
    writeCompact(root.values[i] as LiteValue, w);
  }
  return { count, pieces: w.take() };
}
