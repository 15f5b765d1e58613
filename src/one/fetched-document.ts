// An oned answer holding an XML document, fetched but not converted yet: the client hands it to
// whoever knows what it should become (objects for code that reads fields; JSON text for routes
// that only send it on, written straight from a light tree, which is several times cheaper).
// Documents outside the fast scanner's subset, and large answers decoded slice by slice, always go
// through the objects, so every form gives the same bytes.
import { decodeTextSlices } from './large-answer.js';
import { poolItemsText, prettyDocument } from './lite-json.js';
import type { OneJson, OneJsonValue } from './types.js';
import { xmlToJsonAsync, xmlToJsonFromSlices, xmlToLiteTree, type XmlJsonRules } from './xml-to-json.js';

export interface FetchedDocument {
  /** The document as Sunstone JSON under `rules`; `what` names the call in error messages. */
  toJson(rules: XmlJsonRules, what: string): Promise<OneJson>;
  /** Its pretty JSON text under dom rules (JSON.pretty_generate, what GET /:resource/:id sends). */
  toPrettyText(what: string): Promise<string>;
  /**
   * A pool page's `element` children under pool rules: how many, and their compact JSON text
   * joined by commas (what goes inside the pool's array), in pieces of a few Ki characters.
   */
  poolItemsText(element: string, what: string): Promise<{ count: number; pieces: string[] }>;
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
function countAtLeast(haystack: string | Buffer, needle: string, min: number): boolean {
  let found = 0;
  for (let at = haystack.indexOf(needle); at >= 0 && found < min; at = haystack.indexOf(needle, at + 1)) {
    found++;
  }
  return found >= min;
}

export function fetchedDocument(source: DocumentSource, opts: DocumentOptions): FetchedDocument {
  const loopOpts = opts.yieldToLoop ? { yieldToLoop: opts.yieldToLoop } : {};
  const xml = 'xml' in source ? source.xml : null;

  function toJson(rules: XmlJsonRules, what: string): Promise<OneJson> {
    const convertOpts = { rules, what: `${opts.origin} to ${what}`, ...loopOpts };
    if ('xml' in source) return xmlToJsonAsync(source.xml, convertOpts);
    return xmlToJsonFromSlices(decodeTextSlices(source.buf, source.start, source.end), convertOpts);
  }

  return {
    toJson,
    async toPrettyText(what) {
      const lite = xml === null ? null : await xmlToLiteTree(xml, 'dom', loopOpts);
      if (lite !== null) return prettyDocument(lite);
      return JSON.stringify(await toJson('dom', what), null, 2);
    },
    async poolItemsText(element, what) {
      const lite =
        xml === null ? null : await xmlToLiteTree(xml, 'pool', { ...loopOpts, sliceChars: PAGE_SLICE_CHARS });
      if (lite !== null) return poolItemsText(lite, element);
      const items = pageItems(await toJson('pool', what), element);
      return { count: items.length, pieces: items.length === 0 ? [] : [JSON.stringify(items).slice(1, -1)] };
    },
    hasAtLeast(tag, min) {
      if ('xml' in source) return countAtLeast(source.xml, `<${tag}>`, min);
      // Inside the XML-RPC <string>, the document's markup is escaped.
      return countAtLeast(source.buf.subarray(source.start, source.end), `&lt;${tag}&gt;`, min);
    },
  };
}
