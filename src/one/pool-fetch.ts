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
import type { XmlRpcValue } from './codec.js';
import type { ResourceKind } from './catalogue.js';
import { OnePoolTooLargeError } from './errors.js';
import type { XmlJsonRules } from './xml-to-json.js';
import type { OneJson, OneJsonValue } from './types.js';

export interface PoolFetchDeps {
  /**
   * One oned call (session bound) whose answer is an XML document, converted with `rules`;
   * `what` names the call in error messages.
   */
  readonly document: (
    method: string,
    params: XmlRpcValue[],
    rules: XmlJsonRules,
    what: string,
  ) => Promise<OneJson>;
  /** ONE_POOL_PAGE_SIZE; 0 disables paging. */
  readonly pageSize: number;
  /** Bound on elements gathered across pages (against an oned that ignores the offset). */
  readonly maxElements: number;
}

export interface PoolFetchOptions {
  readonly extended?: boolean;
}

function fetchDom(deps: PoolFetchDeps, method: string, params: XmlRpcValue[]): Promise<OneJson> {
  return deps.document(method, params, 'dom', method);
}

/** The `element` children of a page converted with pool rules: `{"VM_POOL":{"VM":...}}`. */
function pageItems(page: OneJson, element: string): OneJsonValue[] {
  for (const root of Object.values(page)) {
    // An empty page is <VM_POOL></VM_POOL> (pool rules: "") or <VM_POOL/> ({}).
    if (root === null || typeof root !== 'object' || Array.isArray(root)) return [];
    const items = root[element];
    if (items === undefined) return [];
    return Array.isArray(items) ? items : [items];
  }
  return [];
}

async function fetchPaged(deps: PoolFetchDeps, kind: ResourceKind, filter: number): Promise<OneJson> {
  const { method } = kind.pool;
  const size = deps.pageSize;
  // OCA passes a literal -1 (state filter) as the 4th argument for every paged pool, image included.
  const extra = kind.pool.extraArgs ?? [-1];
  const all: OneJsonValue[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await deps.document(
      method,
      [filter, offset, -size, ...extra],
      'pool',
      `${method} (offset ${offset})`,
    );
    const items = pageItems(page, kind.element);
    for (const item of items) all.push(item);
    if (items.length < size) break;
    if (all.length > deps.maxElements) throw new OnePoolTooLargeError(method, deps.maxElements);
  }
  return { [kind.poolElement]: { [kind.element]: all.length === 0 ? null : all } };
}

export async function fetchPool(
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
  if (pool.paginated && deps.pageSize > 0) return fetchPaged(deps, kind, filter);
  if (pool.filtered) return fetchDom(deps, pool.method, [filter, -1, -1, ...extra]);
  return fetchDom(deps, pool.method, []);
}
