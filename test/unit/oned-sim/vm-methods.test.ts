// The VM methods beyond one.vm.action: placement, resize, configuration, snapshots, disks, NICs,
// security groups, scheduled actions, backups and recover, with their effects on the document
// and oned's refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fixture } from './fixture.js';
import { ADMIN, DEMO, doc, field, idList, ok, refused } from './calls.js';
import { fixture } from './fixture.js';

const RUNNING = '3/3';

function stateOf(f: Fixture, id: number): string {
  const v = doc(f, 'one.vm.info', ADMIN, id);
  return `${field(v, 'STATE') ?? ''}/${field(v, 'LCM_STATE') ?? ''}`;
}

/** A new running VM (speed 0: placed and booted at once). */
function runningVm(f: Fixture, extra = ''): number {
  const id = ok(
    f,
    'one.vm.allocate',
    ADMIN,
    `NAME = "t${Date.now()}"\nCPU = 0.1\nMEMORY = 64\n${extra}`,
    false,
  ) as number;
  assert.equal(stateOf(f, id), RUNNING);
  return id;
}

function poweredOff(f: Fixture, extra = ''): number {
  const id = runningVm(f, extra);
  ok(f, 'one.vm.action', ADMIN, 'poweroff-hard', id);
  assert.equal(stateOf(f, id), '8/0');
  return id;
}

function hostOf(f: Fixture, id: number): number {
  return f.sim.state.vms.get(id)?.hostId ?? -1;
}

test('migrate: live and cold, history and host capacity follow, refusals', () => {
  const f = fixture({ vms: 0 });
  const id = runningVm(f);
  const from = hostOf(f, id);
  const to = f.sim.state.hosts.list().find((h) => h.id !== from)?.id as number;
  assert.equal(
    refused(f, 'one.vm.migrate', ADMIN, id, from, true, false, -1, 0).message,
    `[one.vm.migrate] VM is already running on host [${from}] and datastore [0]`,
  );
  assert.equal(refused(f, 'one.vm.migrate', DEMO, id, to, true, false, -1, 0).code, 0x200);
  ok(f, 'one.vm.migrate', ADMIN, id, to, true, false, -1, 0);
  assert.equal(stateOf(f, id), RUNNING);
  assert.equal(hostOf(f, id), to);
  const v = doc(f, 'one.vm.info', ADMIN, id);
  const records = v.match(/<HISTORY>.*?<\/HISTORY>/g) ?? [];
  assert.equal(records.length, 2);
  assert.equal(field(records[0] as string, 'ACTION'), '2');
  assert.equal(field(records[1] as string, 'HID'), String(to));
  assert.ok(idList(doc(f, 'one.host.info', ADMIN, to), 'VMS').includes(id));
  assert.ok(!idList(doc(f, 'one.host.info', ADMIN, from), 'VMS').includes(id));
  ok(f, 'one.vm.action', ADMIN, 'poweroff', id);
  assert.equal(
    refused(f, 'one.vm.migrate', ADMIN, id, from, true, false, -1, 0).message,
    '[one.vm.migrate] Migrate action is not available for state POWEROFF',
  );
  ok(f, 'one.vm.migrate', ADMIN, id, from, false, false, -1, 0);
  assert.equal(stateOf(f, id), '8/0');
  assert.equal(hostOf(f, id), from);
});

test('resize: offline at once, running through HOTPLUG_RESIZE; capacity and values checked', () => {
  const f = fixture({ vms: 0 });
  const id = poweredOff(f);
  const host = f.sim.state.hosts.get(hostOf(f, id));
  const before = host?.memUsage ?? 0;
  ok(f, 'one.vm.resize', ADMIN, id, 'CPU = 0.5\nVCPU = 2\nMEMORY = 128', false);
  const v = doc(f, 'one.vm.info', ADMIN, id);
  assert.match(v, /<CPU><!\[CDATA\[0\.5\]\]><\/CPU>/);
  assert.match(v, /<MEMORY><!\[CDATA\[128\]\]><\/MEMORY>/);
  assert.equal(host?.memUsage, before + 64 * 1024);
  assert.equal(
    refused(f, 'one.vm.resize', ADMIN, id, 'MEMORY = 999999999', true).message,
    `[one.vm.resize] Host ${host?.id ?? -1} does not have enough capacity for the new size`,
  );
  assert.equal(
    refused(f, 'one.vm.resize', ADMIN, id, 'CPU = -1', false).message,
    '[one.vm.resize] CPU attribute must be a positive float or integer value.',
  );
  ok(f, 'one.vm.action', ADMIN, 'resume', id);
  ok(f, 'one.vm.action', ADMIN, 'suspend', id);
  assert.equal(
    refused(f, 'one.vm.resize', ADMIN, id, 'CPU = 1', false).message,
    '[one.vm.resize] Resize action is not available for state SUSPENDED',
  );
});

test('updateconf replaces the configuration sections and keeps the generated port and UUID', () => {
  const f = fixture({ vms: 0 });
  const id = poweredOff(f, 'GRAPHICS = [ TYPE = "VNC", LISTEN = "0.0.0.0" ]\nFEATURES = [ ACPI = "yes" ]');
  const port = field(/<GRAPHICS>.*?<\/GRAPHICS>/.exec(doc(f, 'one.vm.info', ADMIN, id))?.[0] ?? '', 'PORT');
  ok(f, 'one.vm.updateconf', ADMIN, id, 'GRAPHICS = [ TYPE = "SPICE", LISTEN = "127.0.0.1" ]', 0);
  const v = doc(f, 'one.vm.info', ADMIN, id);
  const g = /<GRAPHICS>.*?<\/GRAPHICS>/.exec(v)?.[0] ?? '';
  assert.equal(field(g, 'TYPE'), 'SPICE');
  assert.equal(field(g, 'PORT'), port);
  assert.doesNotMatch(v, /<FEATURES>/);
  assert.match(v, /<OS>.*<UUID>/);
  ok(f, 'one.vm.action', ADMIN, 'resume', id);
  ok(f, 'one.vm.action', ADMIN, 'suspend', id);
  assert.equal(
    refused(f, 'one.vm.updateconf', ADMIN, id, 'RAW = [ TYPE = "kvm" ]', 0).message,
    '[one.vm.updateconf] Configuration cannot be updated in state SUSPENDED',
  );
});

test('system snapshots: RUNNING only, the active one marked, revert and delete', () => {
  const f = fixture({ vms: 0 });
  const id = runningVm(f);
  assert.equal(ok(f, 'one.vm.snapshotcreate', ADMIN, id, 'first'), 0);
  assert.equal(ok(f, 'one.vm.snapshotcreate', ADMIN, id, ''), 1);
  let snaps = doc(f, 'one.vm.info', ADMIN, id).match(/<SNAPSHOT>.*?<\/SNAPSHOT>/g) ?? [];
  assert.equal(snaps.length, 2);
  assert.equal(field(snaps[1] as string, 'NAME'), 'snapshot-1');
  assert.equal(field(snaps[1] as string, 'ACTIVE'), 'YES');
  ok(f, 'one.vm.snapshotrevert', ADMIN, id, 0);
  snaps = doc(f, 'one.vm.info', ADMIN, id).match(/<SNAPSHOT>.*?<\/SNAPSHOT>/g) ?? [];
  assert.equal(field(snaps[0] as string, 'ACTIVE'), 'YES');
  ok(f, 'one.vm.snapshotdelete', ADMIN, id, 1);
  assert.equal(
    refused(f, 'one.vm.snapshotdelete', ADMIN, id, 1).message,
    '[one.vm.snapshotdelete] Could not delete snapshot 1, it does not exist.',
  );
  ok(f, 'one.vm.action', ADMIN, 'poweroff', id);
  assert.equal(
    refused(f, 'one.vm.snapshotcreate', ADMIN, id, 'x').message,
    `[one.vm.snapshotcreate] Could not create a new snapshot for VM ${id}, wrong state POWEROFF.`,
  );
});

test('disk snapshots: a SNAPSHOTS block per disk; revert needs POWEROFF and makes one active', () => {
  const f = fixture({ vms: 0 });
  const id = runningVm(f, 'DISK = [ IMAGE_ID = 1 ]\nDISK = [ TYPE = "fs", SIZE = 10 ]');
  assert.equal(ok(f, 'one.vm.disksnapshotcreate', ADMIN, id, 0, 'a'), 0);
  assert.equal(ok(f, 'one.vm.disksnapshotcreate', ADMIN, id, 0, 'b'), 1);
  const block = /<SNAPSHOTS>.*?<\/SNAPSHOTS>/.exec(doc(f, 'one.vm.info', ADMIN, id))?.[0] ?? '';
  assert.equal(field(block, 'DISK_ID'), '0');
  assert.equal(field(block, 'CURRENT_BASE'), '-1');
  assert.equal(field(block, 'NEXT_SNAPSHOT'), '2');
  assert.equal(
    refused(f, 'one.vm.disksnapshotcreate', ADMIN, id, 1, 'x').message,
    '[one.vm.disksnapshotcreate] Cannot make snapshots on volatile disks',
  );
  assert.equal(
    refused(f, 'one.vm.disksnapshotrevert', ADMIN, id, 0, 0).message,
    `[one.vm.disksnapshotrevert] Could not revert to disk snapshot for ${id}, wrong state RUNNING.`,
  );
  ok(f, 'one.vm.action', ADMIN, 'poweroff', id);
  ok(f, 'one.vm.disksnapshotrevert', ADMIN, id, 0, 0);
  assert.equal(
    refused(f, 'one.vm.disksnapshotdelete', ADMIN, id, 0, 0).message,
    '[one.vm.disksnapshotdelete] Cannot delete the active snapshot',
  );
  assert.equal(ok(f, 'one.vm.disksnapshotcreate', ADMIN, id, 0, 'c'), 2);
  ok(f, 'one.vm.disksnapshotrename', ADMIN, id, 0, 1, 'renamed');
  const after = doc(f, 'one.vm.info', ADMIN, id);
  assert.match(after, /<NAME><!\[CDATA\[renamed\]\]><\/NAME>/);
  const snaps = /<SNAPSHOTS>.*?<\/SNAPSHOTS>/.exec(after)?.[0] ?? '';
  assert.equal(field(snaps, 'CURRENT_BASE'), '0');
  // Snapshot 2 was taken from 0, the active one: 0 has a child now.
  assert.match(
    snaps,
    /<SNAPSHOT><ACTIVE><!\[CDATA\[YES\]\]><\/ACTIVE><CHILDREN><!\[CDATA\[2\]\]><\/CHILDREN>/,
  );
  ok(f, 'one.vm.disksnapshotdelete', ADMIN, id, 0, 1);
  assert.equal(
    refused(f, 'one.vm.diskresize', ADMIN, id, 0, '999999').message,
    '[one.vm.diskresize] Cannot resize a disk with snapshots',
  );
});

test('disks: attach (image in use), detach (image free again), resize, save as a new image', () => {
  const f = fixture({ vms: 0 });
  const id = poweredOff(f);
  ok(f, 'one.vm.attach', ADMIN, id, 'DISK = [ IMAGE_ID = 2 ]');
  let v = doc(f, 'one.vm.info', ADMIN, id);
  const disk = /<DISK>.*?<\/DISK>/.exec(v)?.[0] ?? '';
  assert.equal(field(disk, 'TARGET'), 'vda');
  assert.equal(field(disk, 'DISK_ID'), '0');
  assert.equal(field(doc(f, 'one.image.info', ADMIN, 2), 'RUNNING_VMS'), '1');
  ok(f, 'one.vm.attach', ADMIN, id, 'DISK = [ TYPE = "fs", SIZE = "64" ]');
  v = doc(f, 'one.vm.info', ADMIN, id);
  assert.equal(field((v.match(/<DISK>.*?<\/DISK>/g) ?? [])[1] as string, 'TARGET'), 'vdb');
  assert.equal(
    refused(f, 'one.vm.diskresize', ADMIN, id, 0, '10').message,
    '[one.vm.diskresize] New disk size has to be greater than current one',
  );
  ok(f, 'one.vm.diskresize', ADMIN, id, 0, '4096');
  assert.equal(field(/<DISK>.*?<\/DISK>/.exec(doc(f, 'one.vm.info', ADMIN, id))?.[0] ?? '', 'SIZE'), '4096');
  const img = ok(f, 'one.vm.disksaveas', ADMIN, id, 0, 'saved', '', -1) as number;
  const i = doc(f, 'one.image.info', ADMIN, img);
  assert.equal(field(i, 'NAME'), 'saved');
  assert.equal(field(i, 'SIZE'), '4096');
  assert.equal(
    refused(f, 'one.vm.disksaveas', ADMIN, id, 1, 'x', '', -1).message,
    '[one.vm.disksaveas] Cannot save_as a volatile disk',
  );
  ok(f, 'one.vm.detach', ADMIN, id, 0);
  assert.equal(field(doc(f, 'one.image.info', ADMIN, 2), 'RUNNING_VMS'), '0');
  assert.equal(
    refused(f, 'one.vm.detach', ADMIN, id, 0).message,
    '[one.vm.detach] VM disk with DISK_ID 0 does not exist.',
  );
  ok(f, 'one.vm.action', ADMIN, 'resume', id);
  ok(f, 'one.vm.action', ADMIN, 'suspend', id);
  assert.equal(
    refused(f, 'one.vm.attach', ADMIN, id, 'DISK = [ TYPE = "fs", SIZE = "1" ]').message,
    `[one.vm.attach] Could not attach a new disk to VM ${id}, wrong state SUSPENDED.`,
  );
});

test('NICs: attach takes a lease, detach frees it; updatenic QoS; security groups per NIC', () => {
  const f = fixture({ vms: 0 });
  const id = runningVm(f, 'NIC = [ NETWORK_ID = 0 ]');
  ok(f, 'one.vm.attachnic', ADMIN, id, 'NIC = [ NETWORK_ID = 1 ]');
  let nics = doc(f, 'one.vm.info', ADMIN, id).match(/<NIC>.*?<\/NIC>/g) ?? [];
  assert.equal(nics.length, 2);
  assert.equal(field(nics[1] as string, 'NIC_ID'), '1');
  const ip = field(nics[1] as string, 'IP') as string;
  assert.match(
    doc(f, 'one.vn.info', ADMIN, 1),
    new RegExp(
      `<IP><!\\[CDATA\\[${ip.replace(/\./g, '\\.')}\\]\\]></IP><MAC>.*?<VM><!\\[CDATA\\[${id}\\]\\]>`,
    ),
  );
  ok(f, 'one.vm.updatenic', ADMIN, id, 1, 'NIC = [ INBOUND_AVG_BW = "1000" ]', 0);
  assert.match(doc(f, 'one.vm.info', ADMIN, id), /<INBOUND_AVG_BW><!\[CDATA\[1000\]\]>/);
  assert.equal(
    refused(f, 'one.vm.updatenic', ADMIN, id, 1, 'NIC = [ IP = "1.2.3.4" ]', 0).message,
    '[one.vm.updatenic] Attribute IP cannot be updated in a NIC',
  );
  ok(f, 'one.vm.detachsg', ADMIN, id, 0, 0);
  assert.equal(
    refused(f, 'one.vm.detachsg', ADMIN, id, 0, 0).message,
    '[one.vm.detachsg] Security group 0 is not attached to NIC 0',
  );
  ok(f, 'one.vm.attachsg', ADMIN, id, 0, 0);
  ok(f, 'one.vm.detachnic', ADMIN, id, 1);
  nics = doc(f, 'one.vm.info', ADMIN, id).match(/<NIC>.*?<\/NIC>/g) ?? [];
  assert.equal(nics.length, 1);
  assert.doesNotMatch(doc(f, 'one.vn.info', ADMIN, 1), new RegExp(`<VM><!\\[CDATA\\[${id}\\]\\]>`));
  assert.equal(
    refused(f, 'one.vm.detachnic', ADMIN, id, 9).message,
    '[one.vm.detachnic] Could not find an NIC with NIC_ID 9.',
  );
});

test('scheduled actions: global ids, in one.vm.info only, updated and deleted', () => {
  const f = fixture({ vms: 0 });
  const a = runningVm(f);
  const b = runningVm(f);
  const s0 = ok(
    f,
    'one.vm.schedadd',
    ADMIN,
    a,
    'SCHED_ACTION = [ ACTION = "poweroff", TIME = "+3600" ]',
  ) as number;
  const s1 = ok(
    f,
    'one.vm.schedadd',
    ADMIN,
    b,
    'SCHED_ACTION = [ ACTION = "reboot", TIME = "1900000000" ]',
  ) as number;
  assert.equal(s1, s0 + 1);
  const v = doc(f, 'one.vm.info', ADMIN, b);
  assert.deepEqual(idList(v, 'SCHED_ACTIONS'), [s1]);
  assert.match(
    v,
    new RegExp(
      `<SCHED_ACTION><ID>${s1}</ID><PARENT_ID>${b}</PARENT_ID><TYPE>VM</TYPE><ACTION>reboot</ACTION>`,
    ),
  );
  assert.doesNotMatch(doc(f, 'one.vmpool.infoextended', ADMIN, -2, b, b, -1), /<SCHED_ACTION>/);
  assert.equal(refused(f, 'one.vm.schedupdate', ADMIN, b, s0, 'SCHED_ACTION = [ TIME = "+1" ]').code, 0x400);
  ok(f, 'one.vm.schedupdate', ADMIN, b, s1, 'SCHED_ACTION = [ ACTION = "terminate" ]');
  assert.match(
    doc(f, 'one.vm.info', ADMIN, b),
    /<ACTION>terminate<\/ACTION><ARGS><\/ARGS><TIME>1900000000<\/TIME>/,
  );
  assert.equal(
    refused(f, 'one.vm.schedadd', ADMIN, b, 'SCHED_ACTION = [ ACTION = "explode", TIME = "1" ]').message,
    '[one.vm.schedadd] Invalid ACTION in SCHED_ACTION: explode',
  );
  ok(f, 'one.vm.scheddelete', ADMIN, b, s1);
  assert.deepEqual(idList(doc(f, 'one.vm.info', ADMIN, b), 'SCHED_ACTIONS'), []);
});

test('backups: a BACKUP image in the backup datastore, shown in BACKUPS; restore rebuilds the VM', () => {
  const f = fixture({ vms: 0 });
  const id = poweredOff(f, 'DISK = [ IMAGE_ID = 1 ]');
  assert.equal(
    refused(f, 'one.vm.backup', ADMIN, id, 1, false).message,
    `[one.vm.backup] Datastore 1 is not a backup datastore`,
  );
  assert.equal(ok(f, 'one.vm.backup', ADMIN, id, 100, false), id);
  const v = doc(f, 'one.vm.info', ADMIN, id);
  const [img] = idList(v, 'BACKUP_IDS');
  assert.equal(field(v, 'LAST_BACKUP_ID'), String(img));
  assert.equal(field(v, 'LAST_DATASTORE_ID'), '100');
  assert.equal(stateOf(f, id), '8/0');
  const i = doc(f, 'one.image.info', ADMIN, img as number);
  assert.equal(field(i, 'TYPE'), '6');
  assert.deepEqual(idList(i, 'BACKUP_DISK_IDS'), [0]);
  const restored = (ok(f, 'one.image.restore', ADMIN, img as number, 1, '') as string).split(' ').map(Number);
  assert.equal(restored.length, 2);
  const t = doc(f, 'one.template.info', ADMIN, restored[0] as number);
  assert.equal(field(t, 'IMAGE_ID'), String(restored[1]));
  assert.equal(
    refused(f, 'one.image.restore', ADMIN, 1, 1, '').message,
    '[one.image.restore] Only BACKUP images can be restored',
  );
  ok(f, 'one.vm.action', ADMIN, 'resume', id);
  ok(f, 'one.vm.action', ADMIN, 'suspend', id);
  assert.equal(
    refused(f, 'one.vm.backup', ADMIN, id, 100, false).message,
    `[one.vm.backup] Could not backup VM ${id}, wrong state SUSPENDED.`,
  );
});

test('recover: failure stops the operation in its failure state, retry and success go on', () => {
  const f = fixture({ vms: 0, speed: 1, scheduler: false });
  const id = ok(f, 'one.vm.allocate', ADMIN, 'NAME = "r"\nCPU = 0.1\nMEMORY = 64', false) as number;
  assert.equal(
    refused(f, 'one.vm.recover', ADMIN, id, 1).message,
    '[one.vm.recover] Recover action is not available for state PENDING',
  );
  ok(f, 'one.vm.deploy', ADMIN, id, 0, false, -1, '');
  assert.equal(stateOf(f, id), '3/1');
  ok(f, 'one.vm.recover', ADMIN, id, 0);
  assert.equal(stateOf(f, id), '3/39');
  ok(f, 'one.vm.recover', ADMIN, id, 2);
  assert.equal(stateOf(f, id), '3/1');
  ok(f, 'one.vm.recover', ADMIN, id, 1);
  assert.equal(stateOf(f, id), '3/2');
  ok(f, 'one.vm.recover', ADMIN, id, 1);
  assert.equal(stateOf(f, id), RUNNING);
  ok(f, 'one.vm.recover', ADMIN, id, 4);
  assert.equal(stateOf(f, id), '1/0');
  assert.equal(hostOf(f, id), -1);
  assert.equal(refused(f, 'one.vm.recover', DEMO, id, 3).code, 0x200);
  assert.equal(refused(f, 'one.vm.recover', ADMIN, id, 9).code, 0x1000);
  ok(f, 'one.vm.recover', ADMIN, id, 3);
  assert.equal(stateOf(f, id), '6/0');
  f.sim.close();
});
