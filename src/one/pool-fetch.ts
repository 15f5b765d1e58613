// Fetching a whole pool the way Sunstone does (sunstone-server.md §4.2, golden/README.md "pool/"):
// - vm and image (catalogue `paginated`) come in pages: (filter, offset, -pageSize, -1), offset
//   advanced by pageSize until a page holds fewer than pageSize elements, as OCA's
//   Pool#info_paginated does (golden pool/*.calls.json). Result `{"VM_POOL":{"VM":[...]}}`, always an
//   array, `null` when empty. Each page is a separate, small oned answer converted on its own, so
//   a 20,000-VM pool never has one long stall.
// - vm with `extended`: one.vmpool.infoextended in one call, DOM-shaped (Sunstone does not page it).
// - paging off (pageSize 0, ONE_POOL_PAGE_SIZE < 2): one call with (filter, -1, -1), DOM-shaped, as
//   OCA's get_hash falls back to info + to_hash.
// - other filtered pools (filter, -1, -1[, extra]); the rest with no arguments. DOM-shaped.
//
// oned closes the connection after every answer, so most of a paged listing is spent waiting for
// pages. poolPages() therefore asks for page N+1 as soon as page N has arrived and looks full, up to
// PAGES_AHEAD pages ahead of the one being converted and written, so oned keeps producing pages while
// we convert. "Looks full" is a cheap count of `<VM>` in the text; whether to go on is still decided
// on the converted page, as OCA does, so a wrong guess costs calls that are cancelled, never a
// different result.
import type { XmlRpcValue } from './codec.js';
import type { ResourceKind } from './catalogue.js';
import { OnePoolTooLargeError } from './errors.js';
import { pageItems, type FetchedDocument } from './fetched-document.js';
import type { OneJson, OneJsonValue } from './types.js';

export interface PoolFetchDeps {
  /** One oned call (session bound) whose answer is an XML document; `signal` cancels it. */
  readonly fetch: (method: string, params: XmlRpcValue[], signal?: AbortSignal) => Promise<FetchedDocument>;
  /** ONE_POOL_PAGE_SIZE; 0 disables paging. */
  readonly pageSize: number;
  /** Bound on elements gathered across pages (against an oned that ignores the offset). */
  readonly maxElements: number;
}

export interface PoolFetchOptions {
  readonly extended?: boolean;
}

/** True when the pool comes in pages (vm and image, paging on, not `extended`). */
export function isPaged(deps: PoolFetchDeps, kind: ResourceKind, opts: PoolFetchOptions = {}): boolean {
  if (kind.url === 'vm' && opts.extended) return false;
  return kind.pool.paginated && deps.pageSize > 0;
}

/** One converted page: how many elements it holds, and them in the caller's form. */
export interface PoolPage<T> {
  readonly count: number;
  readonly items: T;
}

/** Converts a fetched page; `what` names the call in error messages. */
export type PageConverter<T> = (doc: FetchedDocument, what: string) => Promise<PoolPage<T>>;

/** Pages as arrays of JSON values. */
export function pageValues(kind: ResourceKind): PageConverter<OneJsonValue[]> {
  return async (doc, what) => {
    const items = pageItems(await doc.toJson('pool', what), kind.element);
    return { count: items.length, items };
  };
}

/** Pages asked for beyond the one being converted (each holds one oned answer in memory). */
const PAGES_AHEAD = 2;

/** A page call in flight, cancellable. */
interface PageCall {
  readonly offset: number;
  /**
   * The answer, until its page is taken: then null, so that a listing does not keep every page's
   * text to its end (for 20,000 VMs, 22 MB that lived long enough to reach V8's old generation).
   */
  answer: Promise<FetchedDocument> | null;
  readonly cancel: () => void;
  /** Set when the answer is in: whether it looks like a full page. */
  full: boolean;
}

/**
 * The elements of a paged pool, page by page (an empty pool gives one empty page). The first page
 * is asked for on the first next(); later ones ahead, as they are found to follow. Ending the
 * iteration early (return()) cancels the calls ahead.
 */
export async function* poolPages<T>(
  deps: PoolFetchDeps,
  kind: ResourceKind,
  filter: number,
  convert: PageConverter<T>,
): AsyncGenerator<PoolPage<T>, void, undefined> {
  const { method } = kind.pool;
  const size = deps.pageSize;
  // OCA passes a literal -1 (state filter) as the 4th argument for every paged pool, image included.
  const extra = kind.pool.extraArgs ?? [-1];
  const calls: PageCall[] = [];
  let taken = 0;
  let stopped = false;

  const ask = (): void => {
    const ctl = new AbortController();
    const offset = calls.length * size;
    const answer = deps.fetch(method, [filter, offset, -size, ...extra], ctl.signal);
    const call: PageCall = { offset, answer, cancel: () => ctl.abort(), full: false };
    calls.push(call);
    // A call ahead may fail or be cancelled while nobody awaits it yet; it is awaited (and its error
    // thrown) only if its page is needed.
    answer.then(
      (doc) => {
        call.full = doc.hasAtLeast(kind.element, size);
        askAhead();
      },
      () => undefined,
    );
  };
  /** The next page, when the last one asked is in, looks full, and there is room ahead. */
  const askAhead = (): void => {
    const last = calls[calls.length - 1];
    if (!stopped && last !== undefined && last.full && calls.length - taken < PAGES_AHEAD) ask();
  };

  let total = 0;
  try {
    for (let i = 0; ; i++) {
      // Not asked yet when page i-1 did not look full but was (or for the first page).
      if (i === calls.length) ask();
      const call = calls[i] as PageCall;
      taken = i + 1;
      askAhead();
      const answer = call.answer as Promise<FetchedDocument>;
      call.answer = null;
      const doc: FetchedDocument = await answer;
      const page = await convert(doc, `${method} (offset ${call.offset})`);
      total += page.count;
      if (page.count >= size && total > deps.maxElements) {
        throw new OnePoolTooLargeError(method, deps.maxElements);
      }
      yield page;
      if (page.count < size) return;
    }
  } finally {
    stopped = true;
    for (const call of calls.slice(taken)) call.cancel();
  }
}

async function fetchDom(deps: PoolFetchDeps, method: string, params: XmlRpcValue[]): Promise<OneJson> {
  return (await deps.fetch(method, params)).toJson('dom', method);
}

/** A pool that does not come in pages: one call, DOM-shaped. */
export function fetchUnpaged(
  deps: PoolFetchDeps,
  kind: ResourceKind,
  filter: number,
  opts: PoolFetchOptions = {},
): Promise<OneJson> {
  const pool = kind.pool;
  const extra = pool.extraArgs ?? [];
  if (kind.url === 'vm' && opts.extended) {
    return fetchDom(deps, 'one.vmpool.infoextended', [filter, -1, -1, ...extra]);
  }
  if (pool.filtered) return fetchDom(deps, pool.method, [filter, -1, -1, ...extra]);
  return fetchDom(deps, pool.method, []);
}

/** The whole pool as one value (`{"VM_POOL":{"VM":[...]}}` for paged pools). */
export async function fetchPool(
  deps: PoolFetchDeps,
  kind: ResourceKind,
  filter: number,
  opts: PoolFetchOptions = {},
): Promise<OneJson> {
  if (!isPaged(deps, kind, opts)) return fetchUnpaged(deps, kind, filter, opts);
  const all: OneJsonValue[] = [];
  for await (const page of poolPages(deps, kind, filter, pageValues(kind))) {
    for (const item of page.items) all.push(item);
  }
  return { [kind.poolElement]: { [kind.element]: all.length === 0 ? null : all } };
}
