// VMTEMPLATE documents (reference oned-xmlrpc.md §4.5): ID, UID, GID, UNAME, GNAME, NAME,
// [LOCK], PERMISSIONS, REGTIME, TEMPLATE.
import type { VmTemplateRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { el } from './text.js';

export function vmTemplateXml(state: SimState, t: VmTemplateRec): string {
  return (
    `<VMTEMPLATE><ID>${t.id}</ID><UID>${t.uid}</UID><GID>${t.gid}</GID>` +
    el('UNAME', state.userName(t.uid)) +
    el('GNAME', state.groupName(t.gid)) +
    el('NAME', t.name) +
    lockXml(t.lock) +
    permissionsXml(t.perms) +
    `<REGTIME>${t.regtime}</REGTIME>${t.template.xml('TEMPLATE')}</VMTEMPLATE>`
  );
}
