// DOCUMENT documents (reference oned-xmlrpc.md §4.11; document.xsd): ID, UID, GID, UNAME, GNAME,
// NAME, TYPE, PERMISSIONS, [LOCK], TEMPLATE.
import type { DocumentRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { el } from './text.js';

export function documentXml(state: SimState, d: DocumentRec): string {
  return (
    `<DOCUMENT><ID>${d.id}</ID><UID>${d.uid}</UID><GID>${d.gid}</GID>` +
    el('UNAME', state.userName(d.uid)) +
    el('GNAME', state.groupName(d.gid)) +
    el('NAME', d.name) +
    `<TYPE>${d.type}</TYPE>` +
    permissionsXml(d.perms) +
    lockXml(d.lock) +
    `${d.template.xml('TEMPLATE')}</DOCUMENT>`
  );
}
