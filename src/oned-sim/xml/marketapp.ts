// MARKETPLACEAPP documents (marketplaceapp.xsd): ID, UID, GID, UNAME, GNAME, [LOCK], REGTIME, NAME,
// ZONE_ID, ORIGIN_ID, SOURCE, MD5, SIZE, DESCRIPTION, VERSION, FORMAT, APPTEMPLATE64,
// MARKETPLACE_ID, MARKETPLACE, STATE, TYPE, PERMISSIONS, TEMPLATE.
import type { MarketAppRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { cel, el } from './text.js';

export function marketAppXml(state: SimState, a: MarketAppRec): string {
  return (
    `<MARKETPLACEAPP><ID>${a.id}</ID><UID>${a.uid}</UID><GID>${a.gid}</GID>` +
    el('UNAME', state.userName(a.uid)) +
    el('GNAME', state.groupName(a.gid)) +
    lockXml(a.lock) +
    `<REGTIME>${a.regtime}</REGTIME>${el('NAME', a.name)}${cel('ZONE_ID', a.zoneId)}<ORIGIN_ID>${a.originId}</ORIGIN_ID>` +
    `${cel('SOURCE', a.source)}${cel('MD5', a.md5)}<SIZE>${a.size}</SIZE>${cel('DESCRIPTION', a.description)}` +
    `${cel('VERSION', a.version)}${cel('FORMAT', a.format)}${cel('APPTEMPLATE64', a.appTemplate64)}` +
    `<MARKETPLACE_ID>${a.marketId}</MARKETPLACE_ID>` +
    el('MARKETPLACE', state.markets.get(a.marketId)?.name ?? '') +
    `<STATE>${a.state}</STATE><TYPE>${a.type}</TYPE>` +
    permissionsXml(a.perms) +
    `${a.template.xml('TEMPLATE')}</MARKETPLACEAPP>`
  );
}
