// Every action of VM templates, network templates and VM groups (§4.6) against the simulator.
import assert from 'node:assert/strict';
import { actionContract, sampleFixture } from './action-runner.js';
import { lockPair } from './common-cases.js';
import { sampleMethods, type JsonObject } from './harness.js';

actionContract({
  url: 'vmtemplate',
  fixtures: { default: sampleFixture('vmtemplate', sampleMethods('vmtemplate')) },
  refusal: 'action',
  cases: {
    publish: {
      check: async (f) =>
        assert.equal(((await f.c.show('vmtemplate', f.id)).PERMISSIONS as JsonObject).GROUP_U, '1'),
    },
    unpublish: { before: [['publish']] },
    update: { params: { template_raw: 'DESCRIPTION="contract"', append: true } },
    chown: { params: { owner_id: 2, group_id: 1 } },
    chmod: { params: { octet: '644', recursive: false } },
    // Instantiating and cloning only need USE, which demo has on a shared template: refuse by hiding it.
    instantiate: {
      params: { vm_name: 'from-contract', hold: true, template: { MEMORY: '96' } },
      needs: ['one.vm.info'],
      refusal: { mode: 'read' },
    },
    clone: { params: { name: 'cloned-by-contract' }, refusal: { mode: 'read' } },
    rename: { params: { name: 'renamed-by-contract' } },
    delete_recursive: { params: { recursive: false } },
    ...lockPair,
  },
});

actionContract({
  url: 'vntemplate',
  fixtures: { default: sampleFixture('vntemplate', sampleMethods('vntemplate')) },
  refusal: 'action',
  cases: {
    publish: {},
    unpublish: { before: [['publish']] },
    update: { params: { template_raw: 'DESCRIPTION="contract"', append: true } },
    chown: { params: { owner_id: 2, group_id: 1 } },
    chmod: { params: { octet: '644' } },
    rename: { params: { name: 'renamed-by-contract' } },
    instantiate: {
      params: {
        vnet_name: 'from-vntemplate',
        template: { AR: { TYPE: 'IP4', IP: '10.250.0.1', SIZE: '4' } },
      },
      refusal: { mode: 'read' },
    },
    ...lockPair,
  },
});

actionContract({
  url: 'vm_group',
  fixtures: { default: sampleFixture('vm_group', sampleMethods('vm_group')) },
  refusal: 'action',
  cases: {
    delete: {},
    chown: { params: { owner_id: 2, group_id: 1 } },
    chmod: { params: { octet: '640' } },
    update: { params: { template_raw: 'DESCRIPTION="contract"', append: true } },
    rename: { params: { name: 'renamed-by-contract' } },
    ...lockPair,
  },
});
