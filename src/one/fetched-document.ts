// An oned answer holding an XML document, fetched but not converted yet: the client hands it to
// whoever knows what it should become (objects for code that reads fields; JSON text for routes
// that only send it on, written straight from a light tree, which is several times cheaper).
// Documents outside the fast scanner's subset, and large answers decoded slice by slice, always go
// through the objects, so every form gives the same bytes.
import { decodeTagSlices } from './large-answer.js';
import { poolItemsText, prettyDocument } from './lite-json.js';
import type { LiteDocument } from './xml-lite-tree.js';
import type { OneJson, OneJsonValue } from './types.js';
import {
  xmlToJsonAsync,
  xmlToJsonSliced,
  xmlToLiteTree,
  xmlToLiteTreeFromSlices,
  type XmlJsonRules,
} from './xml-to-json.js';

export interface FetchedDocument {
  /** The document as Sunstone JSON under `rules`; `what` names the call in error messages. */
  toJson(rules: XmlJsonRules, what: string): Promise<OneJson>;
  /** Its pretty JSON text under dom rules (JSON.pretty_generate, what GET /:resource/:id sends). */
  toPrettyText(what: string): Promise<string>;
  /**
   * A pool page's `element` children under pool rules: how many, and their compact JSON text
   * joined by commas (what goes inside the pool's array), as UTF-8 in pieces of up to 64 KiB.
   */
  poolItemsText(element: string, what: string): Promise<{ count: number; pieces: Buffer[] }>;
  /** True when `<tag>` occurs at least `min` times in the document (a page that looks full). */
  hasAtLeast(tag: string, min: number): boolean;
}

/** Where the document is: a decoded string, or an escaped byte range of a large answer. */
export type DocumentSource =
  { readonly xml: string } | { readonly buf: Buffer; readonly start: number; readonly end: number };

export interface DocumentOptions {
  /** "the answer of oned at <endpoint>", completed with the call in error messages. */
  readonly origin: string;
  readonly yieldToLoop?: () => Promise<void>;
}

/**
 * A pool page is converted with a turn of the event loop every this many characters: the call for
 * the next page, asked for just before, is only sent (its socket connected, its request written)
 * and its answer only read when the loop gets a turn. With one turn per page the next page left
 * only after this one was converted, and a 20,000-VM listing spent half its time waiting for pages.
 */
const PAGE_SLICE_CHARS = 16 * 1024;

/** Slices of a large answer decoded for one document (well under V8's 128 KiB large objects). */
const DOCUMENT_SLICE_BYTES = 64 * 1024;

/** The `element` children of a page converted with pool rules: `{"VM_POOL":{"VM":...}}`. */
export function pageItems(page: OneJson, element: string): OneJsonValue[] {
  for (const root of Object.values(page)) {
    // An empty page is <VM_POOL></VM_POOL> (pool rules: "") or <VM_POOL/> ({}).
    if (root === null || typeof root !== 'object' || Array.isArray(root)) return [];
    const items = root[element];
    if (items === undefined) return [];
    return Array.isArray(items) ? items : [items];
  }
  return [];
}

/** Whether `needle` occurs at least `min` times in `haystack` (stops counting there). */
function countAtLeast(haystacks: ReadonlyArray<string | Buffer>, needle: string, min: number): boolean {
  let found = 0;
  for (const h of haystacks) {
    for (let at = h.indexOf(needle); at >= 0 && found < min; at = h.indexOf(needle, at + 1)) found++;
  }
  return found >= min;
}

/**
 * Answers below this size are decoded into their slices at once, and their bytes dropped: a
 * Buffer's memory is outside V8's heap (malloc), given back only after V8 collects the Buffer, and
 * a page's bytes held while it waits for its turn were the one part of a listing that did not
 * die young. Larger answers (an unpaged pool of 100+ MB) are decoded slice by slice as they are
 * converted, so that the document never exists twice.
 */
const EAGER_DECODE_BYTES = 4 * 1024 * 1024;

type HeldText =
  | { readonly xml: string }
  | { readonly slices: readonly string[] }
  | { readonly buf: Buffer; readonly start: number; readonly end: number };

function hold(source: DocumentSource): HeldText {
  if ('xml' in source || source.end - source.start >= EAGER_DECODE_BYTES) return source;
  return { slices: [...decodeTagSlices(source.buf, source.start, source.end, PAGE_SLICE_CHARS)] };
}

export function fetchedDocument(source: DocumentSource, opts: DocumentOptions): FetchedDocument {
  const loopOpts = opts.yieldToLoop ? { yieldToLoop: opts.yieldToLoop } : {};
  const held = hold(source);
  const xml = 'xml' in held ? held.xml : null;

  /** The text of a sliced document, in slices cut before tags. */
  function slices(sliceBytes: number): Iterable<string> {
    if ('xml' in held) return [held.xml];
    if ('slices' in held) return held.slices;
    return decodeTagSlices(held.buf, held.start, held.end, sliceBytes);
  }

  function toJson(rules: XmlJsonRules, what: string): Promise<OneJson> {
    const convertOpts = { rules, what: `${opts.origin} to ${what}`, ...loopOpts };
    if (xml !== null) return xmlToJsonAsync(xml, convertOpts);
    return xmlToJsonSliced(() => slices(DOCUMENT_SLICE_BYTES), convertOpts);
  }

  /**
   * The light tree under `rules`, or null when the document is outside the fast scanner's subset;
   * a turn of the event loop every `sliceChars` (default: xml-to-json's, or one per decoded slice).
   */
  function liteTree(rules: XmlJsonRules, sliceChars?: number): Promise<LiteDocument | null> {
    if (xml !== null)
      return xmlToLiteTree(xml, rules, { ...loopOpts, ...(sliceChars ? { sliceChars } : {}) });
    return xmlToLiteTreeFromSlices(slices(sliceChars ?? DOCUMENT_SLICE_BYTES), rules, loopOpts);
  }

  return {
    toJson,
    async toPrettyText(what) {
      const lite = await liteTree('dom');
      if (lite !== null) return prettyDocument(lite);
      return JSON.stringify(await toJson('dom', what), null, 2);
    },
    async poolItemsText(element, what) {
      const lite = await liteTree('pool', PAGE_SLICE_CHARS);
      if (lite !== null) return poolItemsText(lite, element);
      const items = pageItems(await toJson('pool', what), element);
      const text = items.length === 0 ? [] : [Buffer.from(JSON.stringify(items).slice(1, -1), 'utf8')];
      return { count: items.length, pieces: text };
    },
    hasAtLeast(tag, min) {
      if ('xml' in held) return countAtLeast([held.xml], `<${tag}>`, min);
      // Cut before tags, a slice holds whole tags (a count that misses one only asks a page later).
      if ('slices' in held) return countAtLeast(held.slices, `<${tag}>`, min);
      // Inside the XML-RPC <string>, the document's markup is escaped.
      return countAtLeast([held.buf.subarray(held.start, held.end)], `&lt;${tag}&gt;`, min);
    },
  };
}
