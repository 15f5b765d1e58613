// VM_GROUP documents (vm_group.xsd): ID, UID, GID, UNAME, GNAME, NAME, PERMISSIONS, [LOCK],
// ROLES (each ROLE: HOST_AFFINED, HOST_ANTI_AFFINED, ID, NAME, POLICY, VMS), TEMPLATE.
import type { VmGroupRec } from '../records.js';
import type { SimState } from '../state.js';
import { lockXml, permissionsXml } from './common.js';
import { cel, el } from './text.js';

/** `vms` maps each role name to the ids of the VMs placed in it. */
export function vmGroupXml(
  state: SimState,
  g: VmGroupRec,
  vms: ReadonlyMap<string, readonly number[]>,
): string {
  let roles = '<ROLES>';
  for (const r of g.roles) {
    roles += '<ROLE>';
    if (r.hostAffined !== '') roles += cel('HOST_AFFINED', r.hostAffined);
    if (r.hostAntiAffined !== '') roles += cel('HOST_ANTI_AFFINED', r.hostAntiAffined);
    roles += `${cel('ID', r.id)}${cel('NAME', r.name)}${cel('POLICY', r.policy)}`;
    const ids = vms.get(r.name) ?? [];
    if (ids.length > 0) roles += cel('VMS', ids.join(','));
    roles += '</ROLE>';
  }
  roles += '</ROLES>';
  return (
    `<VM_GROUP><ID>${g.id}</ID><UID>${g.uid}</UID><GID>${g.gid}</GID>` +
    el('UNAME', state.userName(g.uid)) +
    el('GNAME', state.groupName(g.gid)) +
    el('NAME', g.name) +
    permissionsXml(g.perms) +
    lockXml(g.lock) +
    roles +
    `${g.template.xml('TEMPLATE')}</VM_GROUP>`
  );
}
