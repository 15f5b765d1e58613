// Hosts, clusters, zones and VDCs (sunstone-server.md §4.5-4.6; oned-xmlrpc.md §2.6, §2.9).
import { ID, allocate, call, deleteById, int, lit, param, rename, str, update } from './common.js';
import type { CallAction, KindBehaviour } from './types.js';

/** one.host.status(id, code): 0 enabled, 1 disabled, 2 offline. */
function hostStatus(name: string, code: number): CallAction {
  return call(name, 'one.host.status', [ID, lit(code)]);
}

export const host: KindBehaviour = {
  actions: [
    hostStatus('enable', 0),
    hostStatus('disable', 1),
    hostStatus('offline', 2),
    update('host'),
    rename('host'),
    {
      // A wild VM of the host (TEMPLATE/VM, by VM_NAME) allocated from its IMPORT_TEMPLATE and
      // deployed here; 201 {"VM":{"ID":"n"}} (src/routes/procedures/host-import-wild.ts).
      name: 'import_wild',
      procedure: 'host-import-wild',
      methods: ['one.vm.allocate', 'one.vm.deploy'],
      params: [str('name')],
    },
  ],
  // allocate(name, im_mad, vm_mad, cluster_id), then the whole hash appended as the host template.
  create: { root: 'host', procedure: 'host-create', methods: ['one.host.allocate', 'one.host.update'] },
  // Sunstone refuses a host with running VMs before asking oned.
  delete: { method: 'one.host.delete', args: [ID], read: true, guard: 'no-running-vms' },
};

/** cluster add/del of a host, datastore or vnet: one.cluster.<op>(cluster_id, object_id). */
function membership(op: 'add' | 'del', what: 'host' | 'datastore' | 'vnet', key: string): CallAction {
  return call(`${op}${what}`, `one.cluster.${op}${what}`, [ID, param(key)], [int(key)]);
}

export const cluster: KindBehaviour = {
  actions: [
    membership('add', 'host', 'host_id'),
    membership('del', 'host', 'host_id'),
    membership('add', 'datastore', 'ds_id'),
    membership('del', 'datastore', 'ds_id'),
    membership('add', 'vnet', 'vnet_id'),
    membership('del', 'vnet', 'vnet_id'),
    update('cluster'),
    rename('cluster'),
  ],
  create: {
    root: 'cluster',
    method: 'one.cluster.allocate',
    args: [{ from: 'field', key: 'name', type: 'string' }],
  },
  delete: deleteById('cluster'),
};

export const zone: KindBehaviour = {
  actions: [update('zone'), rename('zone')],
  // No raw-template key for zones in Sunstone.
  create: allocate('zone', 'zone', undefined),
  delete: deleteById('zone'),
};

/** VDC resources: one.vdc.add<what>(vdc_id, zone_id, object_id). */
function vdcResource(
  op: 'add' | 'del',
  what: 'cluster' | 'host' | 'datastore' | 'vnet',
  key: string,
): CallAction {
  return call(
    `${op}_${what}`,
    `one.vdc.${op}${what}`,
    [ID, param('zone_id'), param(key)],
    [int('zone_id'), int(key)],
  );
}

export const vdc: KindBehaviour = {
  actions: [
    call('add_group', 'one.vdc.addgroup', [ID, param('group_id')], [int('group_id')]),
    call('del_group', 'one.vdc.delgroup', [ID, param('group_id')], [int('group_id')]),
    vdcResource('add', 'cluster', 'cluster_id'),
    vdcResource('del', 'cluster', 'cluster_id'),
    vdcResource('add', 'host', 'host_id'),
    vdcResource('del', 'host', 'host_id'),
    vdcResource('add', 'datastore', 'ds_id'),
    vdcResource('del', 'datastore', 'ds_id'),
    vdcResource('add', 'vnet', 'vnet_id'),
    vdcResource('del', 'vnet', 'vnet_id'),
    update('vdc'),
    rename('vdc'),
  ],
  create: allocate('vdc', 'vdc', 'vdc_raw'),
  delete: deleteById('vdc'),
};
