// MARKETPLACE documents (oned-samples onemarket_list): note PERMISSIONS after MARKETPLACEAPPS.
import type { MarketRec } from '../records.js';
import type { SimState } from '../state.js';
import { permissionsXml } from './common.js';
import { cel, el, ids } from './text.js';

export function marketXml(state: SimState, m: MarketRec): string {
  return (
    `<MARKETPLACE><ID>${m.id}</ID><UID>${m.uid}</UID><GID>${m.gid}</GID>` +
    el('UNAME', state.userName(m.uid)) +
    el('GNAME', state.groupName(m.gid)) +
    el('NAME', m.name) +
    `<STATE>${m.state}</STATE>${cel('MARKET_MAD', m.marketMad)}${cel('ZONE_ID', m.zoneId)}` +
    '<TOTAL_MB>0</TOTAL_MB><FREE_MB>0</FREE_MB><USED_MB>0</USED_MB>' +
    ids(
      'MARKETPLACEAPPS',
      state.marketapps
        .list()
        .filter((a) => a.marketId === m.id)
        .map((a) => a.id),
    ) +
    permissionsXml(m.perms) +
    `${m.template.xml('TEMPLATE')}</MARKETPLACE>`
  );
}
