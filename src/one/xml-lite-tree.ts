// A light tree of an oned document, for writing its Sunstone JSON as text without first building the
// JSON objects (lite-json.ts renders it). Building objects key by key was most of the cost of a
// GET /vm/:id: every element added a property to an object of a new shape. Here each element with
// child elements keeps two plain arrays (names, values), and a value is already what the rules
// make of it: a string, the empty object, or another element with child elements. The rules are
// those of xml-tree.ts (dom, pool), decided the same way; test/unit/one/lite-json.test.ts checks
// that the text is JSON.stringify of xml-tree.ts's result, byte for byte.
import type { XmlEventSink, XmlJsonRules } from './xml-tree.js';

/** `{}`: an element without child elements that the rules do not make a string. */
export const EMPTY_OBJECT = 0;

/** An element with child elements, in document order (repeats not grouped yet). */
export interface LiteObject {
  readonly names: string[];
  readonly values: LiteValue[];
}

export type LiteValue = string | typeof EMPTY_OBJECT | LiteObject;

/** The document element and its value. */
export interface LiteDocument {
  readonly name: string;
  readonly value: LiteValue;
}

// Kinds of the last child node seen, for libxml2's merging of adjacent text / CDATA nodes.
const NONE = 0;
const TEXT = 1;
const CDATA = 2;
const OTHER = 3;

interface Frame {
  readonly name: string;
  readonly selfClosing: boolean;
  obj: LiteObject | null;
  text: string;
  nodes: number;
  last: number;
  hasText: boolean;
}

export class LiteTreeBuilder implements XmlEventSink {
  readonly #pool: boolean;
  readonly #stack: Frame[] = [];
  #root: LiteDocument | null = null;

  constructor(rules: XmlJsonRules = 'dom') {
    this.#pool = rules === 'pool';
  }

  /** The document, or null when no root element was closed. */
  get root(): LiteDocument | null {
    return this.#root;
  }

  open(name: string, selfClosing: boolean): void {
    const parent = this.#stack[this.#stack.length - 1];
    if (parent !== undefined) {
      parent.nodes++;
      parent.last = OTHER;
    }
    this.#stack.push({ name, selfClosing, obj: null, text: '', nodes: 0, last: NONE, hasText: false });
  }

  text(t: string): void {
    this.#chars(TEXT, t);
  }

  cdata(t: string): void {
    this.#chars(CDATA, t);
  }

  other(): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) return;
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
    let value: LiteValue;
    if (this.#pool) {
      if (f.obj !== null) value = f.obj;
      else if (f.hasText) value = f.text;
      else value = f.selfClosing ? EMPTY_OBJECT : '';
    } else if (f.nodes === 1 && (f.last === TEXT || f.last === CDATA)) {
      value = f.text;
    } else {
      value = f.obj ?? EMPTY_OBJECT;
    }
    this.#add(f.name, value);
  }

  /** An element reported whole: one element node of its parent, as open() counts it. */
  #leaf(name: string, t: string): void {
    const parent = this.#stack[this.#stack.length - 1];
    if (parent !== undefined) {
      parent.nodes++;
      parent.last = OTHER;
    }
    this.#add(name, t);
  }

  /** A closed element goes to its parent, or becomes the root. */
  #add(name: string, value: LiteValue): void {
    const parent = this.#stack[this.#stack.length - 1];
    if (parent === undefined) {
      this.#root = { name, value };
      return;
    }
    if (parent.obj === null) parent.obj = { names: [name], values: [value] };
    else {
      parent.obj.names.push(name);
      parent.obj.values.push(value);
    }
  }

  #chars(kind: number, t: string): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) return;
    if (top.last !== kind) {
      top.nodes++;
      top.last = kind;
    }
    top.text = top.hasText ? top.text + t : t;
    top.hasText = true;
  }
}
