// Every VM action (§4.6) against the simulator: oneadmin on a fresh VM in the state the action
// needs (oned-xmlrpc.md §3), and demo refused on a VM it may only look at.
import assert from 'node:assert/strict';
import { actionContract, settle, type Fixture, type FixtureSpec } from './action-runner.js';
import { schedActionCases } from './sched-cases.js';
import { firstId, sampleMethods, type Contract, type Json, type JsonObject } from './harness.js';

const VM = sampleMethods('vm');

async function stateOf(c: Contract, id: number): Promise<string> {
  const vm = await c.show('vm', id);
  return `${String(vm.STATE)}/${String(vm.LCM_STATE)}`;
}

/** A VM as oneadmin made it, brought to `state` (STATE/LCM_STATE) by `steps`. */
function vmFixture(
  opts: { template?: (c: Contract) => Promise<JsonObject>; steps?: Array<[string, object?]>; state: string },
  needs: readonly string[] = [],
): FixtureSpec {
  return {
    needs: [...VM, ...needs],
    async make(c): Promise<Fixture> {
      const id = await c.create('vm', opts.template ? { vm: await opts.template(c) } : undefined);
      for (const [perform, params] of opts.steps ?? []) {
        // PENDING (nowhere to go) or RUNNING: the scheduler and the boot are done.
        await settle(async () => ['1/0', RUNNING].includes(await stateOf(c, id)), `VM ${id} settled`);
        const r = await c.act(c.admin, 'vm', id, perform, params);
        assert.ok(r.statusCode === 204 || r.statusCode === 201, `${perform}: ${r.body}`);
      }
      await settle(async () => (await stateOf(c, id)) === opts.state, `VM ${id} in ${opts.state}`);
      return { c, id, extra: {} };
    },
  };
}

/** Too big for any host: the scheduler leaves it PENDING. */
const huge = async (): Promise<JsonObject> => ({
  NAME: `big-${Date.now()}`,
  CPU: '0.1',
  MEMORY: '900000000',
});

async function withDisk(c: Contract): Promise<JsonObject> {
  const image = await c.create('image');
  await settle(async () => (await c.show('image', image)).STATE === '1', `image ${image} READY`);
  return { NAME: 'with-disk', CPU: '0.1', MEMORY: '64', DISK: { IMAGE_ID: String(image) } };
}

async function withNic(c: Contract): Promise<JsonObject> {
  const vnet = await firstId(c, 'vnet');
  assert.ok(vnet !== undefined, 'a seeded network');
  return { NAME: 'with-nic', CPU: '0.1', MEMORY: '64', NIC: { NETWORK_ID: String(vnet) } };
}

/** A host other than the one the VM runs on. */
async function otherHost(f: Fixture): Promise<Record<string, unknown>> {
  const vm = await f.c.show('vm', f.id);
  const history = ([] as Json[]).concat(((vm.HISTORY_RECORDS as JsonObject).HISTORY ?? []) as Json);
  const current = String((history[history.length - 1] as JsonObject).HID);
  const host = await firstId(f.c, 'host', (h) => String(h.ID) !== current);
  assert.ok(host !== undefined, 'a second host');
  return { host_id: host };
}

/** The seeded backup datastore (a second one named alike would be refused: names are unique). */
async function backupDs(c: Contract): Promise<number> {
  const ds = await firstId(c, 'datastore', (d) => d.NAME === 'nightly-backups');
  assert.ok(ds !== undefined, 'the seeded backup datastore nightly-backups');
  return ds;
}

const RUNNING = '3/3';
const IMAGE = sampleMethods('image');

const fixtures: Record<string, FixtureSpec> = {
  default: vmFixture({ state: RUNNING }),
  pending: vmFixture({ template: huge, state: '1/0' }),
  hold: vmFixture({ template: huge, steps: [['hold']], state: '2/0' }),
  poweroff: vmFixture({ steps: [['poweroff', { hard: true }]], state: '8/0' }),
  disk: vmFixture({ template: withDisk, steps: [['poweroff', { hard: true }]], state: '8/0' }, IMAGE),
  nic: vmFixture({ template: withNic, state: RUNNING }),
};

const snap = { snapshot_name: 'contract' };
const diskSnap = { disk_id: 0, snapshot_name: 'contract' };
const sched = 'SCHED_ACTION=[ACTION="poweroff",TIME="+3600"]';

actionContract({
  url: 'vm',
  fixtures,
  refusal: 'action',
  cases: {
    deploy: { fixture: 'hold', params: { host_id: 0 } },
    hold: { fixture: 'pending' },
    release: { fixture: 'hold' },
    resume: { fixture: 'poweroff' },
    stop: {},
    suspend: {},
    resched: {},
    unresched: { before: [['resched']] },
    terminate: { params: { hard: true } },
    reboot: {},
    poweroff: {},
    undeploy: { params: { hard: true } },
    livemigrate: { params: otherHost },
    migrate: { params: otherHost },
    migrate_poff: { params: otherHost },
    migrate_poff_hard: { params: otherHost },
    disk_saveas: { fixture: 'disk', params: { disk_id: 0, image_name: 'saved-from-vm' } },
    snapshot_create: { params: snap },
    snapshot_revert: { before: [['snapshot_create', snap]], params: { snapshot_id: 0 } },
    snapshot_delete: { before: [['snapshot_create', snap]], params: { snapshot_id: 0 } },
    disk_snapshot_create: { fixture: 'disk', params: diskSnap },
    disk_snapshot_revert: {
      fixture: 'disk',
      before: [['disk_snapshot_create', diskSnap]],
      params: { disk_id: 0, snapshot_id: 0 },
    },
    disk_snapshot_delete: {
      fixture: 'disk',
      before: [['disk_snapshot_create', diskSnap]],
      params: { disk_id: 0, snapshot_id: 0 },
    },
    disk_snapshot_rename: {
      fixture: 'disk',
      before: [['disk_snapshot_create', diskSnap]],
      params: { disk_id: 0, snapshot_id: 0, new_name: 'renamed' },
    },
    disk_resize: { fixture: 'disk', params: { disk_id: 0, new_size: '1024' } },
    chown: {
      params: { owner_id: 2, group_id: 1 },
      check: async (f) => assert.equal((await f.c.show('vm', f.id)).UID, '2'),
    },
    chmod: {
      params: { octet: '640' },
      check: async (f) =>
        assert.deepEqual((await f.c.show('vm', f.id)).PERMISSIONS, {
          OWNER_U: '1',
          OWNER_M: '1',
          OWNER_A: '0',
          GROUP_U: '1',
          GROUP_M: '0',
          GROUP_A: '0',
          OTHER_U: '0',
          OTHER_M: '0',
          OTHER_A: '0',
        }),
    },
    resize: {
      fixture: 'poweroff',
      params: { vm_template: { CPU: '0.2', VCPU: '1', MEMORY: '128' }, enforce: false },
    },
    attachdisk: {
      fixture: 'poweroff',
      params: { disk_template: { DISK: { TYPE: 'fs', SIZE: '64', FORMAT: 'raw' } } },
    },
    detachdisk: { fixture: 'disk', params: { disk_id: 0 } },
    attachnic: {
      fixture: 'poweroff',
      params: async (f) => ({ nic_template: { NIC: { NETWORK_ID: String(await firstId(f.c, 'vnet')) } } }),
    },
    detachnic: { fixture: 'nic', params: { nic_id: 0 } },
    updatenic: { fixture: 'nic', params: { nic_id: 0, nic_template: { NIC: { INBOUND_AVG_BW: '1000' } } } },
    update: {
      params: { template_raw: 'LABELS="contract"', append: true },
      check: async (f) =>
        assert.equal(((await f.c.show('vm', f.id)).USER_TEMPLATE as JsonObject).LABELS, 'contract'),
    },
    updateconf: { fixture: 'poweroff', params: { template_raw: 'GRAPHICS=[TYPE="VNC",LISTEN="0.0.0.0"]' } },
    rename: {
      params: { name: 'renamed-by-contract' },
      check: async (f) => assert.equal((await f.c.show('vm', f.id)).NAME, 'renamed-by-contract'),
    },
    recover: { params: { result: 3 } },
    // Its image disk saved as a new (persistent) image the new template uses; demo may not save disks.
    save_as_template: {
      fixture: 'disk',
      params: { name: 'saved-by-contract', description: 'from a VM', persistent: true },
      needs: ['one.templatepool.info', 'one.image.info'],
      check: async (f) => {
        const vm = await f.c.show('vm', f.id);
        const old = String(((vm.TEMPLATE as JsonObject).DISK as JsonObject).IMAGE_ID);
        const list = await f.c.as(f.c.admin, 'GET', '/vmtemplate');
        const saved = ([] as Json[])
          .concat(((list.json() as JsonObject).VMTEMPLATE_POOL as JsonObject).VMTEMPLATE ?? [])
          .find((x) => (x as JsonObject).NAME === 'saved-by-contract') as JsonObject | undefined;
        assert.ok(saved, 'the new template');
        const t = saved.TEMPLATE as JsonObject;
        assert.equal(t.DESCRIPTION, 'from a VM');
        const disk = String((t.DISK as JsonObject).IMAGE_ID);
        assert.notEqual(disk, old, 'a new image, not the VM one');
        const image = await f.c.show('image', Number(disk));
        assert.equal(image.NAME, 'saved-by-contract-disk-0');
        assert.equal(image.PERSISTENT, '1');
      },
    },
    lock: { params: { level: 1 } },
    unlock: { before: [['lock', { level: 1 }]] },
    ...schedActionCases('vm', sched, 'SCHED_ACTION=[ACTION="reboot",TIME="+7200"]'),
    sg_detach: { fixture: 'nic', params: { nic_id: 0, sg_id: 0 } },
    sg_attach: {
      fixture: 'nic',
      before: [['sg_detach', { nic_id: 0, sg_id: 0 }]],
      params: { nic_id: 0, sg_id: 0 },
    },
    backup: {
      fixture: 'poweroff',
      needs: ['one.datastorepool.info'],
      params: async (f) => ({ dst_id: await backupDs(f.c), reset: false }),
      check: async (f) => {
        await settle(async () => (await stateOf(f.c, f.id)) === '8/0', `VM ${f.id} back in POWEROFF`);
        const backups = (await f.c.show('vm', f.id)).BACKUPS as JsonObject;
        assert.match(String((backups.BACKUP_IDS as JsonObject).ID), /^\d+$/, 'the backup image');
      },
    },
  },
});
