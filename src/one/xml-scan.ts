// A fast tokenizer for the XML oned writes: elements without attributes, text, CDATA and comments,
// walked with indexOf over the whole string instead of saxes' character-by-character state machine
// (GET /vm/:id spent most of its own CPU time in saxes). It only accepts a strict subset of
// well-formed XML and reports 'unsupported' for anything else (attributes, a DOCTYPE, processing
// instructions, a BOM, unknown entities, malformed markup ...); the caller then parses the document
// again with saxes, which gives the exact result or error. So the subset may be as narrow as we like,
// but whatever it accepts must produce the very events saxes would (test/unit/one/xml-scan.test.ts
// compares the two on the golden documents and on mutated ones).
import type { XmlEventSink } from './xml-tree.js';

/**
 * 'more': call step() again; 'done': a complete document; 'unsupported': outside the subset;
 * 'input': (sliced mode) the current slice is scanned, feed() the next one.
 */
export type ScanStatus = 'more' | 'done' | 'unsupported' | 'input';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const COLON = 0x3a;

/** Characters XML 1.0 forbids (§2.2 Char), lone surrogates included: saxes rejects them. */
const BAD_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** Text that needs a closer look (entities, CR, "]]>", anything outside the BMP's plain range). */
const TEXT_SPECIAL = /[^\t\n\x20-\x25\x27-\x5c\x5e-\ud7ff\ue000-\ufffd]/;
/** CDATA content that needs a closer look (CR, surrogates, forbidden characters). */
const CDATA_SPECIAL = /[^\t\n\x20-\ud7ff\ue000-\ufffd]/;
/** XML end-of-line handling (§2.11), which saxes applies to text, CDATA and comments. */
const CR = /\r\n?/g;

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f; // A-Z a-z _
}

function isNameChar(c: number): boolean {
  // A-Z a-z _ 0-9 . - : (with xmlns off, saxes takes a colon as an ordinary name character)
  return isNameStart(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2e || c === 0x2d;
}

/** Text with its entities decoded and line ends normalised, or null when outside the subset. */
function textValue(raw: string): string | null {
  if (!TEXT_SPECIAL.test(raw)) return raw;
  if (BAD_CHAR.test(raw) || raw.includes(']]>')) return null;
  const t = raw.includes('\r') ? raw.replace(CR, '\n') : raw;
  return t.includes('&') ? decodeEntities(t) : t;
}

/** CDATA content with line ends normalised, or null when it holds a forbidden character. */
function cdataValue(raw: string): string | null {
  if (!CDATA_SPECIAL.test(raw)) return raw;
  if (BAD_CHAR.test(raw)) return null;
  return raw.includes('\r') ? raw.replace(CR, '\n') : raw;
}

/** Element names remembered per document: the same few names repeat thousands of times. */
const MAX_CACHED_NAMES = 1024;
/** Documents shorter than this (one object) are scanned without the name cache. */
const CACHE_NAMES_FROM = 16 * 1024;

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

export interface ScannerOptions {
  /**
   * The document comes in slices (feed()): the end of a slice that is not the last is not the end
   * of the document. A slice should end just before a '<' (a tag): tokens cut elsewhere are handed
   * over as outside the subset, except text, which the sinks merge.
   */
  readonly sliced?: boolean;
}

/** Scans one document into a sink, a budget of characters at a time (resumable). */
export class FastXmlScanner {
  #xml: string;
  readonly #sink: XmlEventSink;
  /** Names of the open elements, as written (prefix included), to match the close tags. */
  readonly #names: string[] = [];
  /**
   * Names seen, by length and first and last character. Reusing the string that already served as
   * a property key spares V8 a new string and a string-table lookup per element of a pool page.
   */
  readonly #nameCache: Map<number, string> | null;
  #pos = 0;
  #rootClosed = false;
  /** More slices follow the current one. */
  #moreSlices: boolean;

  constructor(xml: string, sink: XmlEventSink, opts: ScannerOptions = {}) {
    this.#xml = xml;
    this.#sink = sink;
    this.#moreSlices = opts.sliced === true;
    // Only a long document (a pool page, or one given in slices) repeats its names enough to
    // repay the map.
    this.#nameCache = this.#moreSlices || xml.length >= CACHE_NAMES_FROM ? new Map() : null;
  }

  /** Sliced mode, after step() said 'input': scanning goes on in `next`; `last` when no more follow. */
  feed(next: string, last: boolean): void {
    this.#xml = next;
    this.#pos = 0;
    this.#moreSlices = !last;
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
        continue;
      }
      if (c === BANG) {
        const next = this.#markupDeclaration(lt);
        if (next < 0) return 'unsupported';
        pos = next;
        continue;
      }
      if (this.#rootClosed || !isNameStart(c)) return 'unsupported';
      let i = lt + 2;
      let colon = -1;
      for (let ch = xml.charCodeAt(i); isNameChar(ch); ch = xml.charCodeAt(++i))
        if (ch === COLON && colon < 0) colon = i;
      const raw = this.#name(lt + 1, i);
      const local = colon < 0 ? raw : xml.slice(colon + 1, i);
      const after = xml.charCodeAt(i);
      if (after === SLASH && xml.charCodeAt(i + 1) === GT) {
        sink.open(local, true);
        sink.close();
        if (names.length === 0) this.#rootClosed = true;
        pos = i + 2;
        continue;
      }
      if (after !== GT) return 'unsupported'; // attributes, or not a tag
      const leafEnd = this.#leaf(raw, local, i + 1);
      if (leafEnd === -2) return 'unsupported';
      if (leafEnd >= 0) {
        if (names.length === 0) this.#rootClosed = true;
        pos = leafEnd;
        continue;
      }
      names.push(raw);
      sink.open(local, false);
      pos = i + 1;
    }
    this.#pos = pos;
    if (pos < len) return 'more';
    if (this.#moreSlices) return 'input';
    return names.length === 0 && this.#rootClosed ? 'done' : 'unsupported';
  }

  /** The name in [from, to), the same string as last time when it was seen before. */
  #name(from: number, to: number): string {
    const xml = this.#xml;
    const cache = this.#nameCache;
    if (cache === null) return xml.slice(from, to);
    const key =
      ((to - from) & 0xff) * 0x10000 +
      (xml.charCodeAt(from) & 0xff) * 0x100 +
      (xml.charCodeAt(to - 1) & 0xff);
    const hit = cache.get(key);
    if (hit !== undefined && hit.length === to - from && xml.startsWith(hit, from)) return hit;
    const name = xml.slice(from, to);
    if (hit === undefined && cache.size < MAX_CACHED_NAMES) cache.set(key, name);
    return name;
  }

  /**
   * The most common element, `<NAME>text</NAME>` or `<NAME><![CDATA[text]]></NAME>`, in one go
   * (`from` is just after the open tag): the position after it, -1 when the element is something
   * else, -2 when its content leaves the subset.
   */
  #leaf(raw: string, local: string, from: number): number {
    const xml = this.#xml;
    if (xml.charCodeAt(from) !== LT) {
      const lt = xml.indexOf('<', from);
      if (lt < 0 || xml.charCodeAt(lt + 1) !== SLASH) return -1;
      const end = lt + 2 + raw.length;
      if (xml.charCodeAt(end) !== GT || !xml.startsWith(raw, lt + 2)) return -1;
      const t = textValue(xml.slice(from, lt));
      if (t === null) return -2;
      this.#sink.leafText(local, t);
      return end + 1;
    }
    if (!xml.startsWith('<![CDATA[', from)) return -1;
    const close = xml.indexOf(']]>', from + 9);
    if (close < 0 || xml.charCodeAt(close + 3) !== LT || xml.charCodeAt(close + 4) !== SLASH) return -1;
    const end = close + 5 + raw.length;
    if (xml.charCodeAt(end) !== GT || !xml.startsWith(raw, close + 5)) return -1;
    const t = cdataValue(xml.slice(from + 9, close));
    if (t === null) return -2;
    this.#sink.leafCdata(local, t);
    return end + 1;
  }

  /** Character data in [from, to): reported inside the root, only whitespace allowed outside. */
  #chars(from: number, to: number): boolean {
    const xml = this.#xml;
    if (this.#names.length === 0) {
      for (let i = from; i < to; i++) if (!isXmlSpace(xml.charCodeAt(i))) return false;
      return true;
    }
    const t = textValue(xml.slice(from, to));
    if (t === null) return false;
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
      const t = cdataValue(xml.slice(lt + 9, end));
      if (t === null) return -1;
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
