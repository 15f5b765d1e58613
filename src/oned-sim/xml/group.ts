// GROUP documents (reference oned-xmlrpc.md §4.8): ID, NAME, TEMPLATE, USERS, ADMINS, then in
// one.group.info the quotas and DEFAULT_GROUP_QUOTAS; GROUP_POOL interleaves GROUP and QUOTAS.
import type { GroupRec } from '../records.js';
import type { SimState } from '../state.js';
import { EMPTY_QUOTAS, quotasXml, type OwnerUsage } from './quotas.js';
import { el, ids } from './text.js';

function groupBody(state: SimState, g: GroupRec): string {
  const users = state.users
    .list()
    .filter((u) => u.groups.includes(g.id))
    .map((u) => u.id);
  return `<GROUP><ID>${g.id}</ID>${el('NAME', g.name)}${g.template.xml('TEMPLATE')}${ids('USERS', users)}${ids('ADMINS', g.admins)}`;
}

export function groupXml(state: SimState, g: GroupRec, usage: OwnerUsage | undefined): string {
  return `${groupBody(state, g)}${quotasXml(g.quotas, usage)}<DEFAULT_GROUP_QUOTAS>${EMPTY_QUOTAS}</DEFAULT_GROUP_QUOTAS></GROUP>`;
}

export function groupPoolXml(
  state: SimState,
  groups: readonly GroupRec[],
  usage: Map<number, OwnerUsage>,
): string {
  let s = '<GROUP_POOL>';
  for (const g of groups)
    s += `${groupBody(state, g)}</GROUP><QUOTAS><ID>${g.id}</ID>${quotasXml(g.quotas, usage.get(g.id))}</QUOTAS>`;
  return `${s}<DEFAULT_GROUP_QUOTAS>${EMPTY_QUOTAS}</DEFAULT_GROUP_QUOTAS></GROUP_POOL>`;
}
