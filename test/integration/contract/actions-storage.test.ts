// Every action of images, datastores, marketplaces, marketplace apps and backup jobs (§4.6).
import assert from 'node:assert/strict';
import { actionContract, sampleFixture, settle, type Fixture, type FixtureSpec } from './action-runner.js';
import { generic, lockPair } from './common-cases.js';
import { schedActionCases } from './sched-cases.js';
import { firstId, sampleMethods, type Contract, type Json, type JsonObject } from './harness.js';

/** oned copies a new image (and runs snapshot operations) LOCKED, then it is READY. */
async function untilReady(c: Contract, id: number): Promise<void> {
  await settle(async () => (await c.show('image', id)).STATE === '1', `image ${id} READY`);
}

/** A sample image once it is READY. */
const readyImage: FixtureSpec = {
  needs: sampleMethods('image'),
  async make(c) {
    const id = await c.create('image');
    await untilReady(c, id);
    return { c, id, extra: {} };
  },
};

/** The SNAPSHOT ids of an image and its CURRENT_BASE (the active one). */
async function snapshotsOf(c: Contract, id: number): Promise<{ ids: string[]; active: string }> {
  await untilReady(c, id);
  const snaps = (await c.show('image', id)).SNAPSHOTS as JsonObject;
  const list = ([] as Json[]).concat(snaps.SNAPSHOT ?? []) as JsonObject[];
  return { ids: list.map((x) => String(x.ID)), active: String(snaps.CURRENT_BASE) };
}

/**
 * The seeded image with snapshots (demo-data: 0, and 1 made from it and active), handed to
 * oneadmin so demo may only look at it. oned makes image snapshots only from the disk snapshots of
 * a VM using a persistent image, and the cases change them: each case gets a simulator of its own.
 */
const withSnapshots: FixtureSpec = {
  needs: ['one.image.info', 'one.image.chown'],
  fresh: true,
  async make(c) {
    const id = await firstId(c, 'image', (i) => i.NAME === 'demo-data');
    assert.ok(id !== undefined, 'the seeded image demo-data');
    const r = await c.act(c.admin, 'image', id, 'chown', { owner_id: 0, group_id: 0 });
    assert.equal(r.statusCode, 204, r.body);
    assert.deepEqual(await snapshotsOf(c, id), { ids: ['0', '1'], active: '1' }, 'the seeded snapshots');
    return { c, id, extra: {} };
  },
};

/** A READY backup image: one.vm.backup of a VM with an image disk into the seeded backup datastore. */
const backupImage: FixtureSpec = {
  needs: [...sampleMethods('image'), ...sampleMethods('vm'), 'one.vm.backup', 'one.datastorepool.info'],
  async make(c) {
    const disk = await c.create('image');
    await untilReady(c, disk);
    const vm = await c.create('vm', {
      vm: { NAME: `c-backed-up-${disk}`, CPU: '0.1', MEMORY: '64', DISK: { IMAGE_ID: String(disk) } },
    });
    await settle(async () => (await c.show('vm', vm)).LCM_STATE === '3', `VM ${vm} RUNNING`);
    const ds = await firstId(c, 'datastore', (d) => d.NAME === 'nightly-backups');
    assert.ok(ds !== undefined, 'the seeded backup datastore nightly-backups');
    const r = await c.act(c.admin, 'vm', vm, 'backup', { dst_id: ds, reset: false });
    assert.equal(r.statusCode, 201, r.body);
    let id = -1;
    await settle(async () => {
      const ids = ((await c.show('vm', vm)).BACKUPS as JsonObject).BACKUP_IDS as JsonObject;
      id = ids.ID === undefined ? -1 : Number(ids.ID);
      return id >= 0;
    }, `a backup of VM ${vm}`);
    await untilReady(c, id);
    assert.equal((await c.show('image', id)).TYPE, '6', 'a BACKUP image');
    return { c, id, extra: {} };
  },
};

const snapshotsAre =
  (ids: string[], active: string) =>
  async (f: Fixture): Promise<void> =>
    assert.deepEqual(await snapshotsOf(f.c, f.id), { ids, active });

actionContract({
  url: 'image',
  fixtures: { default: readyImage, snapshots: withSnapshots, backup: backupImage },
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
    // Ruby crashed; the attribute leaves the template, the rest stays.
    rm_attr: {
      before: [['update', { template_raw: 'DESCRIPTION="contract"\nKEEP_ME="yes"', append: true }]],
      params: { name: 'description' },
      check: async (f) => {
        const template = (await f.c.show('image', f.id)).TEMPLATE as JsonObject;
        assert.equal(template.DESCRIPTION, undefined);
        assert.equal(template.KEEP_ME, 'yes');
      },
    },
    // Cloning needs only USE: demo may clone a shared image, so the refusal hides it.
    clone: { params: { name: 'cloned-by-contract' }, refusal: { mode: 'read' } },
    // Flattening keeps the data of the snapshot and drops every snapshot.
    snapshot_flatten: {
      fixture: 'snapshots',
      params: { snapshot_id: 1 },
      check: snapshotsAre([], '-1'),
      refusal: { message: /MANAGE IMAGE/ },
    },
    snapshot_revert: {
      fixture: 'snapshots',
      params: { snapshot_id: 0 },
      check: snapshotsAre(['0', '1'], '0'),
      refusal: { message: /MANAGE IMAGE/ },
    },
    // Neither the active snapshot (1) nor one with children (0) may go: revert to 0 first.
    snapshot_delete: {
      fixture: 'snapshots',
      before: [['snapshot_revert', { snapshot_id: 0 }]],
      params: { snapshot_id: 1 },
      check: snapshotsAre(['0'], '0'),
      refusal: { message: /MANAGE IMAGE/ },
    },
    // Restoring needs only USE on the backup: demo may restore a shared one, so the refusal hides it.
    restore: { fixture: 'backup', params: { dst_id: 1 }, refusal: { mode: 'read' } },
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

/** A sample app once oned has copied it (READY): only then can it be exported. */
const readyApp: FixtureSpec = {
  needs: sampleMethods('marketplaceapp'),
  async make(c) {
    const id = await c.create('marketplaceapp');
    await settle(async () => (await c.show('marketplaceapp', id)).STATE === '1', `app ${id} READY`);
    return { c, id, extra: {} };
  },
};

actionContract({
  url: 'marketplaceapp',
  fixtures: { default: sampleFixture('marketplaceapp', sampleMethods('marketplaceapp')), ready: readyApp },
  refusal: 'action',
  // Always 201 with the result pair, refusals included: their own table.
  elsewhere: {
    'vm.import': 'marketplace-import.test.ts',
    'vm-template.import': 'marketplace-import.test.ts',
    'service_template.import': 'marketplace-import.test.ts',
  },
  cases: {
    ...generic,
    ...lockPair,
    disable: {},
    enable: { before: [['disable']] },
    // Into the default datastore; the refusal asks for the system datastore, which takes no images.
    export: {
      fixture: 'ready',
      params: (f) => ({ dsid: 1, name: `exported-${f.id}` }),
      needs: ['one.imagepool.info'],
      check: async (f) => {
        const images = await f.c.as(f.c.admin, 'GET', '/image');
        const made = ([] as Json[])
          .concat(((images.json() as JsonObject).IMAGE_POOL as JsonObject).IMAGE ?? [])
          .find((i) => (i as JsonObject).NAME === `exported-${f.id}`) as JsonObject | undefined;
        assert.ok(made, 'the exported image');
        assert.equal((made.TEMPLATE as JsonObject).FROM_APP, String(f.id));
      },
      refusal: { params: { dsid: 0 }, message: /system datastore/ },
    },
  },
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
    ...schedActionCases('backupjob', sched, sched.replace('+3600', '+7200')),
    backup: {},
    cancel: { before: [['backup']] },
    retry: { before: [['backup']] },
  },
});
