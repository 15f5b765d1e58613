// SECURITY_GROUP documents (reference oned-xmlrpc.md §4.11). The VM lists are computed from the
// NICs that name the group.
import type { SecGroupRec } from '../records.js';
import type { SimState } from '../state.js';
import { permissionsXml } from './common.js';
import { el, ids } from './text.js';

export function secGroupXml(state: SimState, sg: SecGroupRec): string {
  const vms: number[] = [];
  for (const vm of state.vms.list()) {
    if (vm.state === 6) continue;
    const uses = vm.template
      .vectors('NIC')
      .some((nic) => (nic.get('SECURITY_GROUPS') ?? '').split(',').includes(String(sg.id)));
    if (uses) vms.push(vm.id);
  }
  return (
    `<SECURITY_GROUP><ID>${sg.id}</ID><UID>${sg.uid}</UID><GID>${sg.gid}</GID>` +
    el('UNAME', state.userName(sg.uid)) +
    el('GNAME', state.groupName(sg.gid)) +
    el('NAME', sg.name) +
    permissionsXml(sg.perms) +
    ids('UPDATED_VMS', vms) +
    '<OUTDATED_VMS></OUTDATED_VMS><UPDATING_VMS></UPDATING_VMS><ERROR_VMS></ERROR_VMS>' +
    `${sg.template.xml('TEMPLATE')}</SECURITY_GROUP>`
  );
}
