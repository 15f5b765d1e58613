// oned XML documents -> Sunstone's JSON (reference sunstone-server.md §4.1-4.2, golden/README.md; the
// rules themselves are in xml-tree.ts). A document held as one string is first tried with the fast
// scanner (xml-scan.ts), which covers everything oned writes; a document outside its subset, and one
// given in slices (a large answer decoded piece by piece), goes through saxes. Either way the event
// loop gets a turn between slices, so a pool of tens of MB never blocks other requests for long.
// In both: entities are decoded in text and not in CDATA, CRLF becomes LF (XML end-of-line rule).
import { setImmediate as yieldImmediate } from 'node:timers/promises';
import { SaxesParser } from 'saxes';
import { OneXmlParseError } from './errors.js';
import { FastXmlScanner } from './xml-scan.js';
import { LiteTreeBuilder, type LiteDocument } from './xml-lite-tree.js';
import { JsonTreeBuilder, type XmlEventSink, type XmlJsonRules } from './xml-tree.js';
import type { OneJson } from './types.js';

export type { XmlJsonRules } from './xml-tree.js';

export interface XmlToJsonOptions {
  /** Default 'dom'. */
  readonly rules?: XmlJsonRules;
  /** What the document is, for error messages (e.g. "the answer of oned at ... to one.vm.info"). */
  readonly what?: string;
}

/** Options of the sliced conversions: how the event loop gets its turns. */
export interface XmlToJsonSlicedOptions extends XmlToJsonOptions {
  /** How to give the event loop a turn (default setImmediate); tests pass their own. */
  readonly yieldToLoop?: () => Promise<void>;
}

export interface XmlToJsonAsyncOptions extends XmlToJsonSlicedOptions {
  /** Characters parsed between two turns of the event loop (default 256 Ki: a few ms). */
  readonly sliceChars?: number;
}

const DEFAULT_SLICE = 256 * 1024;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An incremental XML -> Sunstone JSON converter over saxes: write() slices, then end(). */
export class XmlJsonBuilder {
  private readonly parser: SaxesParser;
  private readonly tree: JsonTreeBuilder;
  private readonly what: string;

  constructor(opts: XmlToJsonOptions = {}) {
    this.what = opts.what ?? 'the oned answer';
    const tree = new JsonTreeBuilder(opts.rules ?? 'dom');
    // position: false is noticeably faster, and messages name the document instead.
    const parser = new SaxesParser({ position: false });
    parser.on('opentag', (tag) => tree.open(localName(tag.name), tag.isSelfClosing));
    parser.on('text', (t) => tree.text(t));
    parser.on('cdata', (t) => tree.cdata(t));
    parser.on('comment', () => tree.other());
    parser.on('processinginstruction', () => tree.other());
    parser.on('closetag', () => tree.close());
    this.parser = parser;
    this.tree = tree;
  }

  write(slice: string): void {
    try {
      this.parser.write(slice);
    } catch (err) {
      throw this.wrap(err);
    }
  }

  end(): OneJson {
    try {
      this.parser.close();
    } catch (err) {
      throw this.wrap(err);
    }
    const root = this.tree.root;
    if (root === null) throw new OneXmlParseError(this.what, 'no root element');
    return root;
  }

  private wrap(err: unknown): unknown {
    if (err instanceof Error && !(err instanceof OneXmlParseError)) {
      return new OneXmlParseError(this.what, err.message, err);
    }
    return err;
  }
}

/** Converts a whole document at once: for small documents (one object, a short pool). */
export function xmlToJson(xml: string, opts: XmlToJsonOptions = {}): OneJson {
  const tree = new JsonTreeBuilder(opts.rules ?? 'dom');
  if (new FastXmlScanner(xml, tree).step(xml.length) === 'done' && tree.root !== null) return tree.root;
  const b = new XmlJsonBuilder(opts);
  b.write(xml);
  return b.end();
}

/** Converts a document given in pieces (any cut), giving the event loop a turn between pieces. */
export async function xmlToJsonFromSlices(
  slices: Iterable<string>,
  opts: XmlToJsonSlicedOptions = {},
): Promise<OneJson> {
  const yieldToLoop = opts.yieldToLoop ?? (() => yieldImmediate());
  const b = new XmlJsonBuilder(opts);
  let first = true;
  for (const slice of slices) {
    if (!first) await yieldToLoop();
    first = false;
    // saxes carries a trailing CR or high surrogate over to the next write, so any cut is safe.
    b.write(slice);
  }
  return b.end();
}

function* sliceString(s: string, size: number): Generator<string, void, undefined> {
  for (let i = 0; i < s.length; i += size) yield s.slice(i, i + size);
}

/**
 * Runs the fast scanner over `xml` into `sink`, one turn of the event loop per `slice` characters
 * scanned (as the saxes path gives); false when the document leaves the scanner's subset.
 */
async function scanAsync(
  xml: string,
  sink: XmlEventSink,
  slice: number,
  yieldToLoop: () => Promise<void>,
): Promise<boolean> {
  const scanner = new FastXmlScanner(xml, sink);
  let boundary = slice;
  let scanned = 0;
  for (;;) {
    const status = scanner.step(boundary - scanned);
    if (status === 'unsupported') return false;
    scanned = scanner.position;
    // One turn per slice boundary passed before the end, as the saxes path gives (a long token can
    // pass several at once).
    while (boundary <= scanned && boundary < xml.length) {
      boundary += slice;
      await yieldToLoop();
    }
    if (status === 'done') return true;
  }
}

function sliceOptions(opts: XmlToJsonAsyncOptions): { slice: number; yieldToLoop: () => Promise<void> } {
  return {
    slice: Math.max(1024, opts.sliceChars ?? DEFAULT_SLICE),
    yieldToLoop: opts.yieldToLoop ?? (() => yieldImmediate()),
  };
}

/**
 * The light tree of a document (for writing its JSON text directly, lite-json.ts), or null when the
 * document is outside the fast scanner's subset: convert it with xmlToJsonAsync then.
 */
export async function xmlToLiteTree(
  xml: string,
  rules: XmlJsonRules,
  opts: XmlToJsonAsyncOptions = {},
): Promise<LiteDocument | null> {
  const { slice, yieldToLoop } = sliceOptions(opts);
  const tree = new LiteTreeBuilder(rules);
  return (await scanAsync(xml, tree, slice, yieldToLoop)) ? tree.root : null;
}

/**
 * Runs the fast scanner in sliced mode over a document given in slices, one turn of the event loop
 * between slices; false when the document (or a cut) leaves the scanner's subset.
 */
async function scanSlices(
  slices: Iterable<string>,
  sink: XmlEventSink,
  yieldToLoop: () => Promise<void>,
): Promise<boolean> {
  const it = slices[Symbol.iterator]();
  const first = it.next();
  if (first.done === true) return false;
  let ahead = it.next();
  const scanner = new FastXmlScanner(first.value, sink, { sliced: ahead.done !== true });
  for (;;) {
    let status;
    do status = scanner.step(Number.MAX_SAFE_INTEGER);
    while (status === 'more');
    if (status !== 'input') return status === 'done';
    const next = ahead;
    if (next.done === true) return false;
    ahead = it.next();
    await yieldToLoop();
    scanner.feed(next.value, ahead.done === true);
  }
}

/**
 * The light tree of a document given in slices (each best cut just before a tag: decodeTagSlices),
 * or null when it is outside the fast scanner's subset: convert it with xmlToJsonSliced then.
 */
export async function xmlToLiteTreeFromSlices(
  slices: Iterable<string>,
  rules: XmlJsonRules,
  opts: XmlToJsonSlicedOptions = {},
): Promise<LiteDocument | null> {
  const tree = new LiteTreeBuilder(rules);
  const ok = await scanSlices(slices, tree, opts.yieldToLoop ?? (() => yieldImmediate()));
  return ok ? tree.root : null;
}

/**
 * Converts a document given in slices: with the fast scanner, else (outside its subset, or cut
 * inside a token) with saxes over the slices made again by `slices()`.
 */
export async function xmlToJsonSliced(
  slices: () => Iterable<string>,
  opts: XmlToJsonSlicedOptions = {},
): Promise<OneJson> {
  const yieldToLoop = opts.yieldToLoop ?? (() => yieldImmediate());
  const tree = new JsonTreeBuilder(opts.rules ?? 'dom');
  if ((await scanSlices(slices(), tree, yieldToLoop)) && tree.root !== null) return tree.root;
  return xmlToJsonFromSlices(slices(), { ...opts, yieldToLoop });
}

/** Converts a document slice by slice, giving the event loop a turn between slices. */
export async function xmlToJsonAsync(xml: string, opts: XmlToJsonAsyncOptions = {}): Promise<OneJson> {
  const { slice, yieldToLoop } = sliceOptions(opts);
  if (xml.length <= slice) return xmlToJson(xml, opts);
  const tree = new JsonTreeBuilder(opts.rules ?? 'dom');
  if ((await scanAsync(xml, tree, slice, yieldToLoop)) && tree.root !== null) return tree.root;
  return xmlToJsonFromSlices(sliceString(xml, slice), { ...opts, yieldToLoop });
}
