// USER documents (reference oned-xmlrpc.md §4.7; oned-samples user_info_*): the body, then in
// one.user.info the quotas and DEFAULT_USER_QUOTAS; USER_POOL interleaves USER and QUOTAS.
import type { UserRec } from '../records.js';
import type { SimState } from '../state.js';
import { EMPTY_QUOTAS, quotasXml, type OwnerUsage } from './quotas.js';
import { cel, el } from './text.js';

export function userBody(state: SimState, u: UserRec): string {
  let s = `<USER><ID>${u.id}</ID><GID>${u.gid}</GID><GROUPS>`;
  for (const g of u.groups) s += `<ID>${g}</ID>`;
  s += `</GROUPS>${el('GNAME', state.groupName(u.gid))}${el('NAME', u.name)}`;
  s += `${cel('PASSWORD', u.password)}${cel('AUTH_DRIVER', u.driver)}<ENABLED>${u.enabled ? 1 : 0}</ENABLED>`;
  for (const t of u.tokens)
    s += `<LOGIN_TOKEN><TOKEN>${t.token}</TOKEN><EXPIRATION_TIME>${t.expires}</EXPIRATION_TIME><EGID>${t.egid}</EGID></LOGIN_TOKEN>`;
  return s + u.template.xml('TEMPLATE');
}

export function userXml(state: SimState, u: UserRec, usage: OwnerUsage | undefined): string {
  return `${userBody(state, u)}${quotasXml(u.quotas, usage)}<DEFAULT_USER_QUOTAS>${EMPTY_QUOTAS}</DEFAULT_USER_QUOTAS></USER>`;
}

export function userPoolXml(
  state: SimState,
  users: readonly UserRec[],
  usage: Map<number, OwnerUsage>,
): string {
  let s = '<USER_POOL>';
  for (const u of users)
    s += `${userBody(state, u)}</USER><QUOTAS><ID>${u.id}</ID>${quotasXml(u.quotas, usage.get(u.id))}</QUOTAS>`;
  return `${s}<DEFAULT_USER_QUOTAS>${EMPTY_QUOTAS}</DEFAULT_USER_QUOTAS></USER_POOL>`;
}
