// VNTEMPLATE documents (vntemplate.xsd): ID, UID, GID, UNAME, GNAME, NAME, [LOCK], PERMISSIONS,
// REGTIME, TEMPLATE.
import type { VnTemplateRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { el } from './text.js';

export function vnTemplateXml(state: SimState, t: VnTemplateRec): string {
  return (
    `<VNTEMPLATE><ID>${t.id}</ID><UID>${t.uid}</UID><GID>${t.gid}</GID>` +
    el('UNAME', state.userName(t.uid)) +
    el('GNAME', state.groupName(t.gid)) +
    el('NAME', t.name) +
    lockXml(t.lock) +
    permissionsXml(t.perms) +
    `<REGTIME>${t.regtime}</REGTIME>${t.template.xml('TEMPLATE')}</VNTEMPLATE>`
  );
}
