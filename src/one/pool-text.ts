// A pool as Sunstone's compact JSON text (Hash#to_json), produced without ever holding the whole
// pool: a paged pool is written page by page as its pages arrive (byte-identical to
// JSON.stringify(fetchPool(...))), so a 20,000-VM listing needs one or two pages of memory instead
// of tens of MB of JSON plus its tree, and its first bytes leave while later pages are still asked.
import { jsonChunks } from './json-text.js';
import {
  fetchUnpaged,
  isPaged,
  poolPages,
  type PageConverter,
  type PoolPage,
  type PoolFetchDeps,
  type PoolFetchOptions,
} from './pool-fetch.js';
import type { ResourceKind } from './catalogue.js';
import type { OneJsonValue, PoolText } from './types.js';

/** Unpaged pools with an array this long are written in pieces (JSON.stringify would stall). */
const PIECES_MIN_ELEMENTS = 1000;

/** True when an array of PIECES_MIN_ELEMENTS or more sits in the pool's first two levels. */
export function isLargePool(value: OneJsonValue, depth = 2): boolean {
  if (Array.isArray(value)) return value.length >= PIECES_MIN_ELEMENTS;
  if (depth === 0 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => isLargePool(v, depth - 1));
}

/** Pages as the compact JSON text of their elements joined by commas, in pieces of bytes. */
function pageTexts(kind: ResourceKind): PageConverter<Buffer[]> {
  return async (doc, what) => {
    const { count, pieces } = await doc.poolItemsText(kind.element, what);
    return { count, items: pieces };
  };
}

async function* pagedPieces(
  head: string,
  first: Buffer[],
  rest: AsyncGenerator<PoolPage<Buffer[]>, void, undefined>,
): AsyncGenerator<string | Buffer, void, undefined> {
  try {
    yield `${head}[`;
    yield* first;
    // Each page is written and dropped before the next is converted.
    for await (const page of rest) {
      if (page.items.length > 0) yield ',';
      yield* page.items;
    }
    yield ']}}';
  } finally {
    // Stopped early (the HTTP client went away): cancel the page asked ahead.
    await rest.return();
  }
}

/**
 * Fetches a pool as JSON text. Resolves once the first oned answer is in and converted, so that an
 * oned failure can still become an error status; later pages are fetched while `pieces` is read.
 */
export async function fetchPoolText(
  deps: PoolFetchDeps,
  kind: ResourceKind,
  filter: number,
  opts: PoolFetchOptions = {},
): Promise<PoolText> {
  if (!isPaged(deps, kind, opts)) {
    const doc = await fetchUnpaged(deps, kind, filter, opts);
    return isLargePool(doc) ? { pieces: jsonChunks(doc) } : { whole: JSON.stringify(doc) };
  }
  const pages = poolPages(deps, kind, filter, pageTexts(kind));
  const first = await pages.next();
  const count = first.done === true ? 0 : first.value.count;
  const pieces = first.done === true ? [] : first.value.items;
  const head = `{${JSON.stringify(kind.poolElement)}:{${JSON.stringify(kind.element)}:`;
  if (count < deps.pageSize) {
    await pages.return();
    if (count === 0) return { whole: `${head}null}}` };
    return { whole: Buffer.concat([Buffer.from(`${head}[`), ...pieces, Buffer.from(']}}')]) };
  }
  return { pieces: pagedPieces(head, pieces, pages) };
}
