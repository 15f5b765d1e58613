// The (filter, start, end) arguments of the filterable pool methods (reference oned-xmlrpc.md
// §2.1): which objects a user's filter flag selects, and the id range or page to return.
import { visibility, type AuthObject, type AuthType } from './authz.js';
import { OnedFailure, ONED } from './errors.js';
import type { Identity } from './identity.js';
import type { SimState } from './state.js';

/** The predicate for a filter flag; throws oned's "Incorrect filter_flag" for flags below -4. */
export function filterPredicate(
  state: SimState,
  method: string,
  who: Identity,
  type: AuthType,
  flag: number,
): (obj: AuthObject) => boolean {
  const visible = visibility(state, who, type);
  switch (flag) {
    case -4: // primary group
      return (o) => o.gid === who.gid && visible(o);
    case -3: // mine
      return (o) => o.uid === who.uid;
    case -2: // everything I may see
      return visible;
    case -1: // mine, or in one of my groups
      return (o) => (o.uid === who.uid || who.groups.has(o.gid)) && visible(o);
    default:
      if (flag < -4) throw new OnedFailure(ONED.XML_RPC_API, `[${method}] Incorrect filter_flag`);
      return (o) => o.uid === flag && visible(o);
  }
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * Selects from `list` (ascending ids) the objects `pred` accepts, in oned's order (descending with
 * API_LIST_ORDER=DESC, which a stock oned.conf sets), restricted to the id range [start, end]
 * (-1 = open) when end >= -1, or to the page (offset start, size -end) when end < -1.
 */
export function selectRange<T extends { readonly id: number }>(
  list: readonly T[],
  range: Range,
  desc: boolean,
  pred: (obj: T) => boolean,
): T[] {
  const out: T[] = [];
  const paged = range.end < -1;
  const lo = paged || range.start < 0 ? -Infinity : range.start;
  const hi = paged || range.end < 0 ? Infinity : range.end;
  let skip = paged ? Math.max(0, range.start) : 0;
  const limit = paged ? -range.end : Infinity;
  const n = list.length;
  for (let k = 0; k < n && out.length < limit; k++) {
    const obj = list[desc ? n - 1 - k : k] as T;
    if (obj.id < lo || obj.id > hi || !pred(obj)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    out.push(obj);
  }
  return out;
}
