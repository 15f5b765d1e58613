// Images, datastores, marketplaces, marketplace apps and backup jobs (sunstone-server.md §4.5-4.6;
// oned-xmlrpc.md §2.7, §2.9).
import {
  ID,
  allocate,
  bool,
  call,
  chmod,
  chown,
  deleteById,
  idOnly,
  int,
  lit,
  lock,
  param,
  publish,
  rename,
  schedActions,
  str,
  toggle,
  unlock,
  update,
} from './common.js';
import type { ActionSpec, KindBehaviour, ProcedureName } from './types.js';

const snapshotId = [int('snapshot_id')];

export const image: KindBehaviour = {
  actions: [
    toggle('enable', 'one.image.enable', true),
    toggle('disable', 'one.image.enable', false),
    toggle('persistent', 'one.image.persistent', true),
    toggle('nonpersistent', 'one.image.persistent', false),
    publish('image', true),
    publish('image', false),
    // Ruby Sunstone crashed here; what it meant: drop one attribute from the image template.
    {
      name: 'rm_attr',
      procedure: 'image-rm-attr',
      methods: ['one.image.update'],
      params: [str('name')],
    },
    update('image'),
    chown('image'),
    chmod('image'),
    call('chtype', 'one.image.chtype', [ID, param('type')], [str('type')]),
    call(
      'clone',
      'one.image.clone',
      [ID, param('name'), param('target_ds')],
      [str('name'), int('target_ds', -1)],
      { stub: 'IMAGE' },
    ),
    rename('image'),
    call('snapshot_flatten', 'one.image.snapshotflatten', [ID, param('snapshot_id')], snapshotId),
    call('snapshot_revert', 'one.image.snapshotrevert', [ID, param('snapshot_id')], snapshotId),
    call('snapshot_delete', 'one.image.snapshotdelete', [ID, param('snapshot_id')], snapshotId),
    lock('image'),
    unlock('image'),
    // -> "<template id> <image ids>" as oned writes it
    call(
      'restore',
      'one.image.restore',
      [ID, param('dst_id'), param('restore_opts')],
      [int('dst_id'), str('restore_opts', '')],
      'value',
    ),
  ],
  // one.image.allocate(template, ds_id, skip_capacity_check=false)
  create: allocate('image', 'image', 'image_raw', [
    { from: 'body', key: 'ds_id', type: 'integer' },
    { from: 'literal', value: false },
  ]),
  // Sunstone never forces the delete.
  delete: { method: 'one.image.delete', args: [ID, lit(false)], read: true },
};

export const datastore: KindBehaviour = {
  actions: [
    update('datastore'),
    chown('datastore'),
    chmod('datastore'),
    rename('datastore'),
    toggle('enable', 'one.datastore.enable', true),
    toggle('disable', 'one.datastore.enable', false),
  ],
  create: allocate('datastore', 'datastore', 'datastore_raw', [
    { from: 'body', key: 'cluster_id', type: 'integer' },
  ]),
  delete: deleteById('datastore'),
};

export const marketplace: KindBehaviour = {
  actions: [
    // Sunstone's marketplace update has no append: always a replace.
    update('market', { append: false }),
    chown('market'),
    chmod('market'),
    rename('market'),
    toggle('enable', 'one.market.enable', true),
    toggle('disable', 'one.market.enable', false),
  ],
  create: allocate('market', 'marketplace', 'marketplace_raw'),
  delete: deleteById('market'),
};

function importAction(name: string, procedure: ProcedureName): ActionSpec {
  return {
    name,
    procedure,
    methods: ['one.template.info', 'one.image.info', 'one.document.info', 'one.marketapp.allocate'],
    params: [
      int('ORIGIN_ID'),
      int('MARKETPLACE_ID'),
      str('NAME', ''),
      bool('IMPORT_ALL'),
      int('MARKETPLACE_SERVICE_ID', -1),
    ],
  };
}

export const marketplaceapp: KindBehaviour = {
  actions: [
    update('marketapp'),
    chown('marketapp'),
    chmod('marketapp'),
    rename('marketapp'),
    toggle('enable', 'one.marketapp.enable', true),
    toggle('disable', 'one.marketapp.enable', false),
    {
      // An IMAGE app into a datastore (+ its VM template unless notemplate): 201 {"IMAGE":[..],"VMTEMPLATE":[..]}.
      name: 'export',
      procedure: 'marketapp-export',
      methods: ['one.image.allocate', 'one.template.allocate', 'one.image.delete'],
      params: [
        int('dsid'),
        str('name', ''),
        str('vmtemplate_name', ''),
        bool('notemplate'),
        str('vcenter_template', ''),
        str('tag', ''),
      ],
    },
    lock('marketapp'),
    unlock('marketapp'),
    // Imports into a marketplace (the same as POST /marketplaceapp/:type/create): 201 [0,[app ids]].
    // The app in the URL is read as for every action; the origin is ORIGIN_ID.
    importAction('vm.import', 'marketapp-import-template'),
    importAction('vm-template.import', 'marketapp-import-template'),
    importAction('service_template.import', 'marketapp-import-service'),
  ],
  create: allocate('marketapp', 'marketplaceapp', 'marketplaceapp_raw', [
    { from: 'body', key: 'mp_id', type: 'integer' },
  ]),
  delete: deleteById('marketapp'),
};

export const backupjob: KindBehaviour = {
  actions: [
    update('backupjob'),
    chown('backupjob'),
    chmod('backupjob'),
    rename('backupjob'),
    call('priority', 'one.backupjob.priority', [ID, param('priority')], [int('priority')]),
    lock('backupjob'),
    unlock('backupjob'),
    ...schedActions('backupjob'),
    idOnly('backup', 'one.backupjob.backup'),
    idOnly('cancel', 'one.backupjob.cancel'),
    idOnly('retry', 'one.backupjob.retry'),
  ],
  // Sunstone has no raw-template key for backup jobs.
  create: allocate('backupjob', 'backupjob', undefined),
  delete: deleteById('backupjob'),
};
