// SECURITY_GROUP documents (reference oned-xmlrpc.md §4.11). The VM lists are computed from the
// NICs that name the group: those of a commit in progress are UPDATING, the others UPDATED.
import type { SecGroupRec } from '../records.js';
import type { SimState } from '../state.js';
import { permissionsXml } from './common.js';
import { el, ids } from './text.js';

/** The VMs (not DONE) with a NIC in the security group. */
export function secGroupVms(state: SimState, sgId: number): number[] {
  const vms: number[] = [];
  const wanted = String(sgId);
  for (const vm of state.vms.list()) {
    if (vm.state === 6) continue;
    const uses = vm.template
      .vectors('NIC')
      .some((nic) => (nic.get('SECURITY_GROUPS') ?? '').split(',').includes(wanted));
    if (uses) vms.push(vm.id);
  }
  return vms;
}

export function secGroupXml(state: SimState, sg: SecGroupRec): string {
  const vms = secGroupVms(state, sg.id);
  const updating = new Set(sg.updating ?? []);
  return (
    `<SECURITY_GROUP><ID>${sg.id}</ID><UID>${sg.uid}</UID><GID>${sg.gid}</GID>` +
    el('UNAME', state.userName(sg.uid)) +
    el('GNAME', state.groupName(sg.gid)) +
    el('NAME', sg.name) +
    permissionsXml(sg.perms) +
    ids(
      'UPDATED_VMS',
      vms.filter((id) => !updating.has(id)),
    ) +
    '<OUTDATED_VMS></OUTDATED_VMS>' +
    ids(
      'UPDATING_VMS',
      vms.filter((id) => updating.has(id)),
    ) +
    '<ERROR_VMS></ERROR_VMS>' +
    `${sg.template.xml('TEMPLATE')}</SECURITY_GROUP>`
  );
}
