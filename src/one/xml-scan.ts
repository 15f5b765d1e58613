// A fast tokenizer for the XML oned writes: elements without attributes, text, CDATA and comments,
// walked with indexOf over the whole string instead of saxes' character-by-character state machine
// (GET /vm/:id spent most of its own CPU time in saxes). It only accepts a strict subset of
// well-formed XML and reports 'unsupported' for anything else (attributes, a DOCTYPE, processing
// instructions, a BOM, unknown entities, malformed markup ...); the caller then parses the document
// again with saxes, which gives the exact result or error. So the subset may be as narrow as we like,
// but whatever it accepts must produce the very events saxes would (test/unit/one/xml-scan.test.ts
// compares the two on the golden documents and on mutated ones).
import type { XmlEventSink } from './xml-tree.js';

export type ScanStatus = 'more' | 'done' | 'unsupported';

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;

/** Characters XML 1.0 forbids (§2.2 Char), lone surrogates included: saxes rejects them. */
const BAD_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** XML end-of-line handling (§2.11), which saxes applies to text, CDATA and comments. */
const CR = /\r\n?/g;

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f; // A-Z a-z _
}

function isNameChar(c: number): boolean {
  // A-Z a-z _ 0-9 . - : (with xmlns off, saxes takes a colon as an ordinary name character)
  return isNameStart(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2e || c === 0x2d;
}

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function validCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** One entity's text (`lt`, `#233`, `#x1F600`), or null when it is not one we accept. */
function entityText(ent: string): string | null {
  const named = NAMED[ent];
  if (named !== undefined) return named;
  const hex = ent.startsWith('#x');
  const digits = ent.slice(hex ? 2 : 1);
  if (ent[0] !== '#' || digits.length === 0 || digits.length > 8) return null;
  if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) return null;
  const cp = parseInt(digits, hex ? 16 : 10);
  return validCodePoint(cp) ? String.fromCodePoint(cp) : null;
}

/** Text with its entity and character references replaced, or null for one we do not accept. */
function decodeEntities(t: string): string | null {
  let out = '';
  let from = 0;
  for (let amp = t.indexOf('&'); amp >= 0; amp = t.indexOf('&', from)) {
    const semi = t.indexOf(';', amp + 1);
    if (semi < 0) return null;
    const ch = entityText(t.slice(amp + 1, semi));
    if (ch === null) return null;
    out += t.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + t.slice(from);
}

/** Scans one document into a sink, a budget of characters at a time (resumable). */
export class FastXmlScanner {
  readonly #xml: string;
  readonly #sink: XmlEventSink;
  readonly #names: string[] = [];
  #pos = 0;
  #rootClosed = false;

  constructor(xml: string, sink: XmlEventSink) {
    this.#xml = xml;
    this.#sink = sink;
  }

  /** Characters consumed so far. */
  get position(): number {
    return this.#pos;
  }

  /**
   * Scans on until about `budget` more characters are consumed (always at least one token):
   * 'more' when there is more to scan, 'done' at the end of a complete document, 'unsupported' when
   * the document leaves the subset (the sink then holds a partial tree: discard it).
   */
  step(budget: number): ScanStatus {
    const xml = this.#xml;
    const len = xml.length;
    const stop = Math.min(len, this.#pos + Math.max(1, budget));
    const names = this.#names;
    const sink = this.#sink;
    let pos = this.#pos;
    while (pos < stop) {
      const lt = xml.indexOf('<', pos);
      const textEnd = lt < 0 ? len : lt;
      if (textEnd > pos && !this.#chars(pos, textEnd)) return 'unsupported';
      if (lt < 0) {
        pos = len;
        break;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === SLASH) {
        const top = names[names.length - 1];
        if (top === undefined) return 'unsupported';
        const end = lt + 2 + top.length;
        // `</NAME >` is well-formed, but oned never writes it: saxes can have it.
        if (xml.charCodeAt(end) !== GT || !xml.startsWith(top, lt + 2)) return 'unsupported';
        names.pop();
        sink.close();
        if (names.length === 0) this.#rootClosed = true;
        pos = end + 1;
      } else if (c === BANG) {
        const next = this.#markupDeclaration(lt);
        if (next < 0) return 'unsupported';
        pos = next;
      } else {
        if (this.#rootClosed || !isNameStart(c)) return 'unsupported';
        let i = lt + 2;
        while (isNameChar(xml.charCodeAt(i))) i++;
        const name = xml.slice(lt + 1, i);
        const after = xml.charCodeAt(i);
        if (after === GT) {
          names.push(name);
          sink.open(name, false);
          pos = i + 1;
        } else if (after === SLASH && xml.charCodeAt(i + 1) === GT) {
          sink.open(name, true);
          sink.close();
          if (names.length === 0) this.#rootClosed = true;
          pos = i + 2;
        } else {
          return 'unsupported'; // attributes, or not a tag
        }
      }
    }
    this.#pos = pos;
    if (pos < len) return 'more';
    return names.length === 0 && this.#rootClosed ? 'done' : 'unsupported';
  }

  /** Character data in [from, to): reported inside the root, only whitespace allowed outside. */
  #chars(from: number, to: number): boolean {
    const xml = this.#xml;
    if (this.#names.length === 0) {
      for (let i = from; i < to; i++) if (!isXmlSpace(xml.charCodeAt(i))) return false;
      return true;
    }
    let t = xml.slice(from, to);
    if (BAD_CHAR.test(t) || t.includes(']]>')) return false;
    if (t.includes('\r')) t = t.replace(CR, '\n');
    if (t.includes('&')) {
      const decoded = decodeEntities(t);
      if (decoded === null) return false;
      t = decoded;
    }
    this.#sink.text(t);
    return true;
  }

  /** `<![CDATA[...]]>` or `<!--...-->` at `lt`; the position after it, or -1. */
  #markupDeclaration(lt: number): number {
    const xml = this.#xml;
    if (xml.startsWith('<![CDATA[', lt)) {
      if (this.#names.length === 0) return -1;
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      let t = xml.slice(lt + 9, end);
      if (BAD_CHAR.test(t)) return -1;
      if (t.includes('\r')) t = t.replace(CR, '\n');
      this.#sink.cdata(t);
      return end + 3;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      // "--" must not occur inside a comment, nor may it end with "-" (XML §2.5).
      if (end < 0 || xml.indexOf('--', lt + 4) !== end) return -1;
      if (BAD_CHAR.test(xml.slice(lt + 4, end))) return -1;
      this.#sink.other();
      return end + 3;
    }
    return -1; // DOCTYPE and the like
  }
}
