// VROUTER documents (vrouter.xsd): ID, UID, GID, UNAME, GNAME, NAME, PERMISSIONS, [LOCK], VMS,
// TEMPLATE (with the router's NICs).
import type { VrouterRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { el, ids } from './text.js';

export function vrouterXml(state: SimState, r: VrouterRec): string {
  return (
    `<VROUTER><ID>${r.id}</ID><UID>${r.uid}</UID><GID>${r.gid}</GID>` +
    el('UNAME', state.userName(r.uid)) +
    el('GNAME', state.groupName(r.gid)) +
    el('NAME', r.name) +
    permissionsXml(r.perms) +
    lockXml(r.lock) +
    ids('VMS', r.vms) +
    `${r.template.xml('TEMPLATE')}</VROUTER>`
  );
}
