// Virtual networks, security groups and virtual routers (sunstone-server.md §4.5-4.6;
// oned-xmlrpc.md §2.8, §2.10).
import {
  ID,
  allocate,
  bool,
  call,
  chmod,
  chown,
  deleteById,
  int,
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

const arTemplate = { from: 'template', name: 'ar_template' } as const;

export const vnet: KindBehaviour = {
  actions: [
    publish('vn', true),
    publish('vn', false),
    update('vn'),
    chown('vn'),
    chmod('vn'),
    call('hold', 'one.vn.hold', [ID, { from: 'lease', name: 'ip' }], [str('ip')]),
    call('release', 'one.vn.release', [ID, { from: 'lease', name: 'ip' }], [str('ip')]),
    rename('vn'),
    call('rm_ar', 'one.vn.rm_ar', [ID, param('ar_id'), param('force')], [int('ar_id'), bool('force')]),
    call('add_ar', 'one.vn.add_ar', [ID, arTemplate], [obj('ar_template')]),
    call('update_ar', 'one.vn.update_ar', [ID, arTemplate], [obj('ar_template')]),
    // -> the id of the reservation network
    call(
      'reserve',
      'one.vn.reserve',
      [ID, { from: 'reservation' }],
      [
        int('size'),
        { name: 'name', type: 'string', optional: true },
        { name: 'ar_id', type: 'integer', optional: true },
        { name: 'addr', type: 'string', optional: true },
        { name: 'vnet', type: 'integer', optional: true },
      ],
      'value',
    ),
    lock('vn'),
    unlock('vn'),
    // 0 failure, 1 success, 2 delete, 3 retry
    call('recover', 'one.vn.recover', [ID, param('result')], [int('result')]),
  ],
  // one.vn.allocate(template, cluster_id): cluster_id is required by oned, -1 = default cluster.
  create: allocate('vn', 'vnet', 'vnet_raw', [
    { from: 'body', key: 'cluster_id', type: 'integer', default: -1 },
  ]),
  delete: deleteById('vn'),
};

export const securityGroup: KindBehaviour = {
  actions: [
    update('secgroup'),
    chown('secgroup'),
    chmod('secgroup'),
    // -> the new security group's id as a bare number
    call('clone', 'one.secgroup.clone', [ID, param('name')], [str('name')], 'value'),
    rename('secgroup'),
    // recover = only VMs outdated or in error
    call('commit', 'one.secgroup.commit', [ID, param('recover')], [bool('recover')]),
  ],
  create: allocate('secgroup', 'security_group', 'security_group_raw'),
  delete: deleteById('secgroup'),
};

export const vrouter: KindBehaviour = {
  actions: [
    {
      name: 'instantiate',
      procedure: 'vrouter-instantiate',
      methods: ['one.vrouter.instantiate'],
      params: [int('n_vms'), int('template_id'), str('vm_name', ''), bool('hold'), obj('template', true)],
    },
    update('vrouter'),
    chown('vrouter'),
    chmod('vrouter'),
    rename('vrouter'),
    call(
      'attachnic',
      'one.vrouter.attachnic',
      [ID, { from: 'template', name: 'nic_template' }],
      [obj('nic_template')],
    ),
    call('detachnic', 'one.vrouter.detachnic', [ID, param('nic_id')], [int('nic_id')]),
    lock('vrouter'),
    unlock('vrouter'),
  ],
  create: allocate('vrouter', 'virtual_router', 'virtual_router_raw'),
  delete: deleteById('vrouter'),
};
