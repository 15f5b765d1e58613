// Every action of virtual networks, security groups and virtual routers (§4.6).
import assert from 'node:assert/strict';
import { actionContract, sampleFixture, type Fixture } from './action-runner.js';
import { generic, lockPair } from './common-cases.js';
import { sampleMethods, type Json, type JsonObject } from './harness.js';

/** The first address of the sample network's address range. */
async function firstAddress(f: Fixture): Promise<Record<string, unknown>> {
  const vnet = await f.c.show('vnet', f.id);
  const ar = ([] as Json[]).concat(((vnet.AR_POOL as JsonObject).AR ?? []) as Json)[0] as JsonObject;
  assert.ok(ar, 'the sample network has an address range');
  return { ip: ar.IP };
}

actionContract({
  url: 'vnet',
  fixtures: { default: sampleFixture('vnet', sampleMethods('vnet')) },
  refusal: 'action',
  cases: {
    ...generic,
    ...lockPair,
    publish: {},
    unpublish: { before: [['publish']] },
    hold: { params: firstAddress },
    release: { before: [['hold', firstAddress]], params: firstAddress },
    rm_ar: { params: { ar_id: 0 } },
    add_ar: { params: { ar_template: { AR: { TYPE: 'IP4', IP: '192.168.77.1', SIZE: '8' } } } },
    update_ar: { params: { ar_template: { AR: { AR_ID: '0', SIZE: '32' } } } },
    reserve: { params: { size: 2, name: 'reserved-by-contract' } },
    recover: { params: { result: 1 } },
  },
});

actionContract({
  url: 'security_group',
  fixtures: { default: sampleFixture('security_group', sampleMethods('security_group')) },
  refusal: 'action',
  cases: {
    ...generic,
    // Cloning needs only USE: the refusal hides the group from demo.
    clone: { params: { name: 'cloned-by-contract' }, refusal: { mode: 'read' } },
    commit: { params: { recover: false } },
  },
});

/** A template for the router's VMs. */
async function routerVms(f: Fixture): Promise<Record<string, unknown>> {
  return { n_vms: 1, template_id: await f.c.create('vmtemplate'), vm_name: 'vr-%i', hold: true };
}

async function nic(f: Fixture): Promise<Record<string, unknown>> {
  return { nic_template: { NIC: { NETWORK_ID: String(await f.c.create('vnet')) } } };
}

actionContract({
  url: 'vrouter',
  fixtures: { default: sampleFixture('vrouter', sampleMethods('vrouter')) },
  refusal: 'action',
  cases: {
    ...generic,
    ...lockPair,
    instantiate: { params: routerVms, needs: sampleMethods('vmtemplate') },
    attachnic: { params: nic, needs: sampleMethods('vnet') },
    detachnic: { before: [['attachnic', nic]], params: { nic_id: 0 }, needs: sampleMethods('vnet') },
  },
});
