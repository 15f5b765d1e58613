// Virtual machines: every `perform` of Sunstone's VM JSON model (sunstone-server.md §4.6) with the
// one.vm.* argument lists of oned-xmlrpc.md §2.4. There is no one.vm.delete: DELETE /vm/:id is
// recover with operation 3 (delete), as Sunstone does.
import {
  ID,
  bool,
  call,
  chmod,
  chown,
  int,
  lit,
  lock,
  obj,
  param,
  rename,
  schedActions,
  str,
  unlock,
  update,
} from './common.js';
import type { ActionParam, ActionSpec, KindBehaviour } from './types.js';

const hard: ActionParam = { name: 'hard', type: 'boolean', default: false };

/** one.vm.action(name, id): the action name comes first (oned-xmlrpc.md §2.4). */
function vmAction(name: string, label: string, opts: { hard?: boolean; danger?: boolean } = {}): ActionSpec {
  return {
    name,
    method: 'one.vm.action',
    args: [opts.hard ? { from: 'hard-variant', name } : lit(name), ID],
    params: opts.hard ? [hard] : [],
    result: 'none',
    ui: { label, ...(opts.danger ? { danger: true } : {}) },
  };
}

const placement = [int('host_id'), bool('enforce'), int('ds_id', -1)];

/** one.vm.migrate(id, host, live, enforce, ds, type): type 0 save, 1 poweroff, 2 poweroff-hard. */
function migrate(name: string, live: boolean, type: number): ActionSpec {
  return call(
    name,
    'one.vm.migrate',
    [ID, param('host_id'), lit(live), param('enforce'), param('ds_id'), lit(type)],
    placement,
  );
}

const diskSnapshot = [int('disk_id'), int('snapshot_id')];

const actions: readonly ActionSpec[] = [
  {
    // The trailing "" is the NIC auto-selection template the OCA always sends.
    ...call(
      'deploy',
      'one.vm.deploy',
      [ID, param('host_id'), param('enforce'), param('ds_id'), lit('')],
      placement,
    ),
    ui: { label: 'Deploy' },
  },
  vmAction('hold', 'Hold'),
  vmAction('release', 'Release'),
  vmAction('resume', 'Resume'),
  vmAction('stop', 'Stop'),
  vmAction('suspend', 'Suspend'),
  vmAction('resched', 'Reschedule'),
  vmAction('unresched', 'Un-reschedule'),
  vmAction('terminate', 'Terminate', { hard: true, danger: true }),
  vmAction('reboot', 'Reboot', { hard: true }),
  vmAction('poweroff', 'Power off', { hard: true }),
  vmAction('undeploy', 'Undeploy', { hard: true }),
  migrate('livemigrate', true, 0),
  migrate('migrate', false, 0),
  migrate('migrate_poff', false, 1),
  migrate('migrate_poff_hard', false, 2),
  call(
    'disk_saveas',
    'one.vm.disksaveas',
    [ID, param('disk_id'), param('image_name'), param('type'), param('snapshot_id')],
    [int('disk_id'), str('image_name'), str('type', ''), int('snapshot_id', -1)],
    'value',
  ),
  call(
    'snapshot_create',
    'one.vm.snapshotcreate',
    [ID, param('snapshot_name')],
    [str('snapshot_name', '')],
    'value',
  ),
  call('snapshot_revert', 'one.vm.snapshotrevert', [ID, param('snapshot_id')], [int('snapshot_id')]),
  call('snapshot_delete', 'one.vm.snapshotdelete', [ID, param('snapshot_id')], [int('snapshot_id')]),
  call(
    'disk_snapshot_create',
    'one.vm.disksnapshotcreate',
    [ID, param('disk_id'), param('snapshot_name')],
    [int('disk_id'), str('snapshot_name', '')],
  ),
  call(
    'disk_snapshot_revert',
    'one.vm.disksnapshotrevert',
    [ID, param('disk_id'), param('snapshot_id')],
    diskSnapshot,
  ),
  call(
    'disk_snapshot_delete',
    'one.vm.disksnapshotdelete',
    [ID, param('disk_id'), param('snapshot_id')],
    diskSnapshot,
  ),
  call(
    'disk_snapshot_rename',
    'one.vm.disksnapshotrename',
    [ID, param('disk_id'), param('snapshot_id'), param('new_name')],
    [...diskSnapshot, str('new_name')],
  ),
  // oned takes the new size in MB as a string.
  call(
    'disk_resize',
    'one.vm.diskresize',
    [ID, param('disk_id'), param('new_size', 'string')],
    [int('disk_id'), int('new_size')],
  ),
  chown('vm'),
  chmod('vm'),
  call(
    'resize',
    'one.vm.resize',
    [ID, { from: 'template', name: 'vm_template' }, param('enforce')],
    [obj('vm_template'), bool('enforce')],
  ),
  call(
    'attachdisk',
    'one.vm.attach',
    [ID, { from: 'template', name: 'disk_template' }],
    [obj('disk_template')],
  ),
  call('detachdisk', 'one.vm.detach', [ID, param('disk_id')], [int('disk_id')]),
  call(
    'attachnic',
    'one.vm.attachnic',
    [ID, { from: 'template', name: 'nic_template' }],
    [obj('nic_template')],
  ),
  call('detachnic', 'one.vm.detachnic', [ID, param('nic_id')], [int('nic_id')]),
  call(
    'updatenic',
    'one.vm.updatenic',
    [ID, param('nic_id'), { from: 'template', name: 'nic_template' }, lit(0)],
    [int('nic_id'), obj('nic_template')],
  ),
  update('vm'),
  call('updateconf', 'one.vm.updateconf', [ID, param('template_raw'), lit(0)], [str('template_raw')]),
  rename('vm'),
  call('recover', 'one.vm.recover', [ID, param('result')], [int('result')]),
  {
    // A new VM template from a powered-off VM: its disks saved as new images (disksaveas), then
    // one.template.allocate; answers 201 with the template id (src/routes/procedures).
    name: 'save_as_template',
    procedure: 'vm-save-as-template',
    methods: [
      'one.vm.disksaveas',
      'one.image.info',
      'one.image.persistent',
      'one.template.allocate',
      'one.image.delete',
    ],
    params: [str('name'), str('description', ''), bool('persistent')],
  },
  lock('vm'),
  unlock('vm'),
  ...schedActions('vm'),
  call('sg_attach', 'one.vm.attachsg', [ID, param('nic_id'), param('sg_id')], [int('nic_id'), int('sg_id')]),
  call('sg_detach', 'one.vm.detachsg', [ID, param('nic_id'), param('sg_id')], [int('nic_id'), int('sg_id')]),
  call(
    'backup',
    'one.vm.backup',
    [ID, param('dst_id'), param('reset')],
    [int('dst_id', -1), bool('reset')],
    'value',
  ),
];

export const vm: KindBehaviour = {
  actions,
  // one.vm.allocate(template, on_hold=false)
  create: {
    root: 'vm',
    raw: 'vm_raw',
    method: 'one.vm.allocate',
    args: [{ from: 'template' }, { from: 'literal', value: false }],
  },
  delete: { method: 'one.vm.recover', args: [ID, lit(3)], read: true },
};
