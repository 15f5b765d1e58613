// VM templates, virtual network templates and VM groups (sunstone-server.md §4.5-4.6;
// oned-xmlrpc.md §2.5). Template instantiate and clone answer the new object; instantiate needs the
// template's own SUNSTONE/NETWORK_SELECT, so it is a procedure.
import {
  ID,
  allocate,
  bool,
  call,
  chmod,
  chown,
  deleteById,
  idOnly,
  lit,
  lock,
  obj,
  param,
  publish,
  rename,
  str,
  unlock,
  update,
} from './common.js';
import type { KindBehaviour } from './types.js';

export const vmtemplate: KindBehaviour = {
  actions: [
    publish('template', true, { recursive: true }),
    publish('template', false, { recursive: true }),
    update('template'),
    chown('template'),
    chmod('template', { recursive: true }),
    {
      name: 'instantiate',
      procedure: 'template-instantiate',
      methods: ['one.template.instantiate'],
      params: [str('vm_name', ''), bool('hold'), bool('persistent'), obj('template', true)],
    },
    call(
      'clone',
      'one.template.clone',
      [ID, param('name'), param('recursive')],
      [str('name'), bool('recursive')],
      { stub: 'VMTEMPLATE' },
    ),
    rename('template'),
    call('delete_recursive', 'one.template.delete', [ID, param('recursive')], [bool('recursive')]),
    lock('template'),
    unlock('template'),
  ],
  create: allocate('template', 'vmtemplate', 'template_raw'),
  // Sunstone deletes templates without their images.
  delete: { method: 'one.template.delete', args: [ID, lit(false)], read: true },
};

export const vntemplate: KindBehaviour = {
  actions: [
    publish('vntemplate', true),
    publish('vntemplate', false),
    update('vntemplate'),
    chown('vntemplate'),
    chmod('vntemplate'),
    rename('vntemplate'),
    lock('vntemplate'),
    unlock('vntemplate'),
    // -> the new virtual network's id
    call(
      'instantiate',
      'one.vntemplate.instantiate',
      [ID, param('vnet_name'), { from: 'template', name: 'template' }],
      [str('vnet_name', ''), obj('template', true)],
      'value',
    ),
  ],
  create: allocate('vntemplate', 'vntemplate', 'vntemplate_raw'),
  delete: deleteById('vntemplate'),
};

export const vmGroup: KindBehaviour = {
  actions: [
    idOnly('delete', 'one.vmgroup.delete'),
    // Sunstone took the group from params.name (a bug that moved groups to 0); group_id it is.
    chown('vmgroup'),
    chmod('vmgroup'),
    update('vmgroup'),
    rename('vmgroup'),
    lock('vmgroup'),
    unlock('vmgroup'),
  ],
  create: allocate('vmgroup', 'vm_group', 'vm_grp_raw'),
  delete: deleteById('vmgroup'),
};
