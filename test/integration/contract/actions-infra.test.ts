// Every action of hosts, clusters, zones and VDCs (§4.6). demo may read hosts (its group manages
// them) and zones (everyone uses them), not clusters or VDCs.
import { actionContract, sampleFixture, type Fixture } from './action-runner.js';
import { firstId, sampleMethods } from './harness.js';

const generic = {
  update: { params: { template_raw: 'DESCRIPTION="contract"', append: true } },
  rename: { params: { name: 'renamed-by-contract' } },
};

actionContract({
  url: 'host',
  fixtures: { default: sampleFixture('host', sampleMethods('host')) },
  refusal: 'action',
  // Needs a host with wild VMs (the seeded ones) and checks more than one refusal.
  elsewhere: { import_wild: 'host-import-wild.test.ts' },
  cases: {
    ...generic,
    // demo's group may MANAGE hosts, which is all a rename needs: refuse with a name already taken.
    rename: {
      params: { name: 'renamed-by-contract' },
      refusal: { as: 'admin', params: { name: 'node01' }, message: /node01/ },
    },
    disable: {},
    enable: { before: [['disable']] },
    offline: {},
  },
});

const memberOf = (url: string, key: string) => async (f: Fixture) => ({ [key]: await f.c.create(url) });

actionContract({
  url: 'cluster',
  fixtures: { default: sampleFixture('cluster', sampleMethods('cluster')) },
  refusal: 'read',
  cases: {
    ...generic,
    addhost: { params: memberOf('host', 'host_id'), needs: sampleMethods('host') },
    delhost: { params: { host_id: 0 } },
    adddatastore: { params: memberOf('datastore', 'ds_id'), needs: sampleMethods('datastore') },
    deldatastore: { params: { ds_id: 1 } },
    addvnet: { params: memberOf('vnet', 'vnet_id'), needs: sampleMethods('vnet') },
    delvnet: { params: async (f) => ({ vnet_id: await firstId(f.c, 'vnet') }) },
  },
});

actionContract({
  url: 'zone',
  fixtures: { default: sampleFixture('zone', sampleMethods('zone')) },
  refusal: 'action',
  cases: generic,
});

const inZone0 = (key: string, id: number) => ({ zone_id: 0, [key]: id });

actionContract({
  url: 'vdc',
  fixtures: { default: sampleFixture('vdc', sampleMethods('vdc')) },
  refusal: 'read',
  cases: {
    ...generic,
    add_group: { params: { group_id: 1 } },
    del_group: { before: [['add_group', { group_id: 1 }]], params: { group_id: 1 } },
    add_cluster: { params: inZone0('cluster_id', 0) },
    del_cluster: { before: [['add_cluster', inZone0('cluster_id', 0)]], params: inZone0('cluster_id', 0) },
    add_host: { params: inZone0('host_id', 0) },
    del_host: { before: [['add_host', inZone0('host_id', 0)]], params: inZone0('host_id', 0) },
    add_datastore: { params: inZone0('ds_id', 1) },
    del_datastore: { before: [['add_datastore', inZone0('ds_id', 1)]], params: inZone0('ds_id', 1) },
    add_vnet: { params: async (f) => inZone0('vnet_id', (await firstId(f.c, 'vnet')) ?? 0) },
    del_vnet: {
      before: [['add_vnet', async (f) => inZone0('vnet_id', (await firstId(f.c, 'vnet')) ?? 0)]],
      params: async (f) => inZone0('vnet_id', (await firstId(f.c, 'vnet')) ?? 0),
    },
  },
});
