// oned XML documents -> Sunstone's JSON (reference sunstone-server.md §4.1-4.2, golden/README.md).
// A streaming (saxes) tree builder: the document is fed in slices and the event loop gets a turn
// between slices, so a pool of tens of MB never blocks other requests for long.
//
// Two rule sets:
// - 'dom': exactly OCA's XMLElement#to_hash over a libxml2 DOM (golden xml2json/, byte for byte):
//   an element whose only child node is one text or CDATA node is that string; anything else is an
//   object of its child elements (so <X/>, <X></X>, text split by a comment, text+CDATA -> {}).
//   libxml2 merges adjacent text nodes and adjacent CDATA sections, so those count as one node.
// - 'pool': what Sunstone's paged vm/image path gives (golden pool/, Ox SAX), minus its data loss
//   (design.md "JSON shapes are kept, data loss is not"): `<X></X>` -> "" and `<X/>` -> {} as Ox does;
//   the text of an element without child elements is all of its text and CDATA joined, as sent
//   (Ox squeezes whitespace and keeps only the last chunk); repeated elements become arrays as in DOM
//   (Ox keeps only the last repeated text element).
// In both: every scalar is a string, attributes are ignored, a namespace prefix is dropped from names,
// entities are decoded in text and not in CDATA, CRLF becomes LF (XML end-of-line rule).
import { setImmediate as yieldImmediate } from 'node:timers/promises';
import { SaxesParser } from 'saxes';
import { OneXmlParseError } from './errors.js';
import type { OneJson, OneJsonValue } from './types.js';

export type XmlJsonRules = 'dom' | 'pool';

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

// Kinds of the last child node seen, for libxml2's merging of adjacent text / CDATA nodes.
const NONE = 0;
const TEXT = 1;
const CDATA = 2;
const OTHER = 3;

interface Frame {
  readonly name: string;
  readonly selfClosing: boolean;
  /** Child elements, created on the first one. */
  obj: OneJson | null;
  /** All text and CDATA joined (pool rules); the one text node (dom rules). */
  text: string;
  /** Child nodes after libxml2's merging. */
  nodes: number;
  last: number;
  hasText: boolean;
}

/** Adds a child under `key`: the first stays plain, a second one turns the value into an array. */
function addChild(obj: OneJson, key: string, value: OneJsonValue): void {
  if (!Object.hasOwn(obj, key)) {
    // An element named __proto__ must become a key, not replace the object's prototype.
    if (key === '__proto__') {
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      obj[key] = value;
    }
    return;
  }
  const prev = obj[key] as OneJsonValue;
  // Values are only ever strings or objects, so an array here is one we made for repeats.
  if (Array.isArray(prev)) prev.push(value);
  else obj[key] = [prev, value];
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An incremental XML -> Sunstone JSON converter: write() slices, then end(). */
export class XmlJsonBuilder {
  private readonly parser: SaxesParser;
  private readonly stack: Frame[] = [];
  private root: OneJson | null = null;
  private readonly what: string;

  constructor(opts: XmlToJsonOptions = {}) {
    const pool = opts.rules === 'pool';
    this.what = opts.what ?? 'the oned answer';
    // position: false is noticeably faster, and messages name the document instead.
    const parser = new SaxesParser({ position: false });
    const stack = this.stack;
    parser.on('opentag', (tag) => {
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        parent.nodes++;
        parent.last = OTHER;
      }
      stack.push({
        name: localName(tag.name),
        selfClosing: tag.isSelfClosing,
        obj: null,
        text: '',
        nodes: 0,
        last: NONE,
        hasText: false,
      });
    });
    const onChars = (kind: number) => (t: string) => {
      const top = stack[stack.length - 1];
      if (top === undefined) return; // whitespace around the root element
      if (top.last !== kind) {
        top.nodes++;
        top.last = kind;
      }
      top.text = top.hasText ? top.text + t : t;
      top.hasText = true;
    };
    parser.on('text', onChars(TEXT));
    parser.on('cdata', onChars(CDATA));
    const onOther = () => {
      const top = stack[stack.length - 1];
      if (top === undefined) return; // comments and PIs around the root
      top.nodes++;
      top.last = OTHER;
    };
    parser.on('comment', onOther);
    parser.on('processinginstruction', onOther);
    parser.on('closetag', () => {
      const f = stack.pop() as Frame;
      let value: OneJsonValue;
      if (pool) {
        if (f.obj !== null) value = f.obj;
        else if (f.hasText) value = f.text;
        else value = f.selfClosing ? {} : '';
      } else if (f.nodes === 1 && (f.last === TEXT || f.last === CDATA)) {
        // dom: one text/CDATA node; hasText holds since such a node was seen
        value = f.text;
      } else {
        value = f.obj ?? {};
      }
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        const root: OneJson = {};
        addChild(root, f.name, value);
        this.root = root;
      } else {
        if (parent.obj === null) parent.obj = {};
        addChild(parent.obj, f.name, value);
      }
    });
    this.parser = parser;
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
    if (this.root === null) throw new OneXmlParseError(this.what, 'no root element');
    return this.root;
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

/** Converts a document slice by slice, giving the event loop a turn between slices. */
export async function xmlToJsonAsync(xml: string, opts: XmlToJsonAsyncOptions = {}): Promise<OneJson> {
  const slice = Math.max(1024, opts.sliceChars ?? DEFAULT_SLICE);
  if (xml.length <= slice) return xmlToJson(xml, opts);
  return xmlToJsonFromSlices(sliceString(xml, slice), opts);
}
