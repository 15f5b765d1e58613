// The wild VMs of a host document, as host import_wild looks for them: the HOST/TEMPLATE/VM entries
// oned's monitoring writes for guests OpenNebula did not create. Each names the guest (VM_NAME) and
// its hypervisor id (DEPLOY_ID); one that can be imported carries the VM template to allocate it
// from (IMPORT_TEMPLATE, base64); a vCenter one also VCENTER_TEMPLATE (it needs vCenter's driver).
import type { OneJson } from '../../one/types.js';
import { nodesAt, textAt } from '../one-json.js';

export interface WildVm {
  readonly name: string;
  readonly deployId: string;
  /** IMPORT_TEMPLATE decoded: OpenNebula template text for one.vm.allocate. */
  readonly template: string;
  readonly vcenter: boolean;
}

/** The host's importable wild VMs (those with a non-empty IMPORT_TEMPLATE), in document order. */
export function importableWilds(host: OneJson): WildVm[] {
  const out: WildVm[] = [];
  for (const entry of nodesAt(host.HOST, 'TEMPLATE/VM')) {
    const encoded = textAt(entry, 'IMPORT_TEMPLATE')?.trim() ?? '';
    // Without a template there is nothing to allocate: such an entry is listed, not importable.
    if (encoded === '') continue;
    out.push({
      name: textAt(entry, 'VM_NAME') ?? '',
      deployId: textAt(entry, 'DEPLOY_ID') ?? '',
      template: Buffer.from(encoded, 'base64').toString('utf8'),
      vcenter: nodesAt(entry, 'VCENTER_TEMPLATE').length > 0,
    });
  }
  return out;
}

/** The importable wild VMs whose VM_NAME is exactly `name`. */
export function wildsNamed(host: OneJson, name: string): WildVm[] {
  return importableWilds(host).filter((w) => w.name === name);
}
