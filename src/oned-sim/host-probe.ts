// What a host's monitoring probes report the first time: the attributes oned stores in the
// host's TEMPLATE (reference oned-xmlrpc.md §4.3; oned-samples host_info_0).
import type { HostRec } from './records.js';
import { templateOf, type Template } from './template.js';

export function probedTemplate(h: HostRec): Template {
  return templateOf([
    ['ARCH', 'x86_64'],
    ['CPUSPEED', '2900'],
    ['HOSTNAME', h.name],
    ['HYPERVISOR', h.vmMad],
    ['IM_MAD', h.imMad],
    ['MODELNAME', 'Intel(R) Xeon(R) Gold 6326 CPU @ 2.90GHz'],
    ['RESERVED_CPU', ''],
    ['RESERVED_MEM', ''],
    ['VM_MAD', h.vmMad],
  ]);
}
