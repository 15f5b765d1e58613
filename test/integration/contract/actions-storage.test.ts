// Every action of images, datastores, marketplaces, marketplace apps and backup jobs (§4.6).
import { actionContract, sampleFixture, settle, type FixtureSpec } from './action-runner.js';
import { sampleMethods, type JsonObject } from './harness.js';

const lockPair = {
  lock: { params: { level: 1 } },
  unlock: { before: [['lock', { level: 1 }]] as const },
};
const generic = {
  update: { params: { template_raw: 'DESCRIPTION="contract"', append: true } },
  chown: { params: { owner_id: 2, group_id: 1 } },
  chmod: { params: { octet: '640' } },
  rename: { params: { name: 'renamed-by-contract' } },
};

/** A sample image once it is READY (oned copies it first: LOCKED). */
const readyImage: FixtureSpec = {
  needs: sampleMethods('image'),
  async make(c) {
    const id = await c.create('image');
    await settle(async () => (await c.show('image', id)).STATE === '1', `image ${id} READY`);
    return { c, id, extra: {} };
  },
};

const noSnapshots =
  'needs an image with snapshots (disk snapshots of a persistent image): not made by the simulator yet';

actionContract({
  url: 'image',
  fixtures: { default: readyImage },
  refusal: 'action',
  cases: {
    ...generic,
    ...lockPair,
    disable: {},
    enable: { before: [['disable']] },
    persistent: {},
    nonpersistent: { before: [['persistent']] },
    publish: {},
    unpublish: { before: [['publish']] },
    chtype: { params: { type: 'OS' } },
    // Cloning needs only USE: demo may clone a shared image, so the refusal hides it.
    clone: { params: { name: 'cloned-by-contract' }, refusal: { mode: 'read' } },
    snapshot_flatten: { params: { snapshot_id: 0 }, todo: noSnapshots },
    snapshot_revert: { params: { snapshot_id: 0 }, todo: noSnapshots },
    snapshot_delete: { params: { snapshot_id: 0 }, todo: noSnapshots },
    restore: {
      params: { dst_id: 1 },
      todo: 'needs a backup image (one.vm.backup into a backup datastore): not made by the simulator yet',
    },
  },
});

const systemDs: FixtureSpec = {
  needs: sampleMethods('datastore'),
  async make(c) {
    const id = await c.create('datastore', {
      datastore: { NAME: `c-sys-${Date.now()}`, TYPE: 'SYSTEM_DS', TM_MAD: 'ssh' },
      cluster_id: -1,
    } as JsonObject);
    return { c, id, extra: {} };
  },
};

actionContract({
  url: 'datastore',
  // Only system datastores can be disabled (oned-xmlrpc.md §2.9).
  fixtures: { default: systemDs },
  refusal: 'action',
  cases: { ...generic, disable: {}, enable: { before: [['disable']] } },
});

actionContract({
  url: 'marketplace',
  fixtures: { default: sampleFixture('marketplace', sampleMethods('marketplace')) },
  refusal: 'action',
  cases: {
    ...generic,
    // Sunstone sends no append for marketplaces: a replace.
    update: { params: { template_raw: 'DESCRIPTION="contract"' } },
    disable: {},
    enable: { before: [['disable']] },
  },
});

actionContract({
  url: 'marketplaceapp',
  fixtures: { default: sampleFixture('marketplaceapp', sampleMethods('marketplaceapp')) },
  refusal: 'action',
  cases: { ...generic, ...lockPair, disable: {}, enable: { before: [['disable']] } },
});

const sched = 'SCHED_ACTION=[REPEAT="3",DAYS="1",END_TYPE="0",TIME="+3600"]';

actionContract({
  url: 'backupjob',
  fixtures: { default: sampleFixture('backupjob', sampleMethods('backupjob')) },
  refusal: 'action',
  cases: {
    ...generic,
    ...lockPair,
    priority: { params: { priority: 10 } },
    sched_action_add: { params: { sched_template: sched } },
    sched_action_update: {
      before: [['sched_action_add', { sched_template: sched }]],
      params: { sched_id: 0, sched_template: sched },
    },
    sched_action_delete: {
      before: [['sched_action_add', { sched_template: sched }]],
      params: { sched_id: 0 },
    },
    backup: {},
    cancel: { before: [['backup']] },
    retry: { before: [['backup']] },
  },
});
