// The tree half of XML -> Sunstone JSON (reference sunstone-server.md §4.1-4.2, golden/README.md):
// it turns a stream of XML events into the JSON value, whichever tokenizer produced them (saxes, or
// the fast scanner of xml-scan.ts), so both give the same tree by construction.
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
// In both: every scalar is a string, attributes are ignored, a namespace prefix is dropped from names.
import type { OneJson, OneJsonValue } from './types.js';

export type XmlJsonRules = 'dom' | 'pool';

/**
 * What a tokenizer reports: elements (by local name: a namespace prefix is dropped), character data
 * (entities decoded, CRLF as LF), the rest.
 */
export interface XmlEventSink {
  open(name: string, selfClosing: boolean): void;
  text(t: string): void;
  cdata(t: string): void;
  /** A comment or a processing instruction. */
  other(): void;
  close(): void;
  /** An element holding one text node and nothing else: open, text, close in one call. */
  leafText(name: string, t: string): void;
  /** An element holding one CDATA section and nothing else. */
  leafCdata(name: string, t: string): void;
}

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
  const prev = obj[key];
  // One lookup in the common case (a new key); names such as `constructor` are found on the
  // prototype, so a value already there is only ours when it is an own property.
  if (prev === undefined || !Object.hasOwn(obj, key)) {
    // An element named __proto__ must become a key, not replace the object's prototype.
    if (key === '__proto__') {
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      obj[key] = value;
    }
    return;
  }
  // Values are only ever strings or objects, so an array here is one we made for repeats.
  if (Array.isArray(prev)) prev.push(value);
  else obj[key] = [prev, value];
}

/** Builds the Sunstone JSON of one document from its events. */
export class JsonTreeBuilder implements XmlEventSink {
  readonly #pool: boolean;
  readonly #stack: Frame[] = [];
  #root: OneJson | null = null;

  constructor(rules: XmlJsonRules = 'dom') {
    this.#pool = rules === 'pool';
  }

  /** The document's JSON, or null when no root element was closed. */
  get root(): OneJson | null {
    return this.#root;
  }

  open(name: string, selfClosing: boolean): void {
    const parent = this.#stack[this.#stack.length - 1];
    if (parent !== undefined) {
      parent.nodes++;
      parent.last = OTHER;
    }
    this.#stack.push({
      name,
      selfClosing,
      obj: null,
      text: '',
      nodes: 0,
      last: NONE,
      hasText: false,
    });
  }

  text(t: string): void {
    this.#chars(TEXT, t);
  }

  cdata(t: string): void {
    this.#chars(CDATA, t);
  }

  other(): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) return; // comments and PIs around the root
    top.nodes++;
    top.last = OTHER;
  }

  leafText(name: string, t: string): void {
    this.#leaf(name, t);
  }

  leafCdata(name: string, t: string): void {
    this.#leaf(name, t);
  }

  close(): void {
    const f = this.#stack.pop() as Frame;
    let value: OneJsonValue;
    if (this.#pool) {
      if (f.obj !== null) value = f.obj;
      else if (f.hasText) value = f.text;
      else value = f.selfClosing ? {} : '';
    } else if (f.nodes === 1 && (f.last === TEXT || f.last === CDATA)) {
      // dom: one text/CDATA node; hasText holds since such a node was seen
      value = f.text;
    } else {
      value = f.obj ?? {};
    }
    const parent = this.#stack[this.#stack.length - 1];
    if (parent === undefined) {
      const root: OneJson = {};
      addChild(root, f.name, value);
      this.#root = root;
    } else {
      if (parent.obj === null) parent.obj = {};
      addChild(parent.obj, f.name, value);
    }
  }

  /** Both rule sets make an element with a single text or CDATA node that string. */
  #leaf(name: string, t: string): void {
    const parent = this.#stack[this.#stack.length - 1];
    if (parent === undefined) {
      const root: OneJson = {};
      addChild(root, name, t);
      this.#root = root;
      return;
    }
    parent.nodes++;
    parent.last = OTHER;
    if (parent.obj === null) parent.obj = {};
    addChild(parent.obj, name, t);
  }

  #chars(kind: number, t: string): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) return; // whitespace around the root element
    if (top.last !== kind) {
      top.nodes++;
      top.last = kind;
    }
    top.text = top.hasText ? top.text + t : t;
    top.hasText = true;
  }
}
