// Images and VM templates beyond allocate: enable, persistent, chtype, clone, snapshots, locks,
// delete rules, template clone/delete/chmod recursive and persistent instantiation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, DEMO, doc, field, idList, ok, refused } from './calls.js';
import { fixture } from './fixture.js';

test('image enable/disable and persistent follow the image state', () => {
  const f = fixture({ vms: 0 });
  ok(f, 'one.image.enable', ADMIN, 0, false);
  assert.equal(field(doc(f, 'one.image.info', ADMIN, 0), 'STATE'), '3');
  ok(f, 'one.image.enable', ADMIN, 0, true);
  assert.equal(field(doc(f, 'one.image.info', ADMIN, 0), 'STATE'), '1');
  ok(f, 'one.image.persistent', ADMIN, 0, true);
  assert.equal(field(doc(f, 'one.image.info', ADMIN, 0), 'PERSISTENT'), '1');
  const vm = ok(f, 'one.template.instantiate', ADMIN, 0, '', false, '') as number;
  assert.ok(vm >= 0);
  assert.equal(field(doc(f, 'one.image.info', ADMIN, 0), 'STATE'), '8');
  assert.deepEqual(refused(f, 'one.image.persistent', ADMIN, 0, false), {
    message: '[one.image.persistent] Image cannot be in state USED_PERS.',
    code: 0x2000,
  });
  assert.deepEqual(refused(f, 'one.image.enable', ADMIN, 0, false), {
    message: '[one.image.enable] Could not disable image: Image cannot be in state USED_PERS.',
    code: 0x2000,
  });
  assert.deepEqual(refused(f, 'one.image.delete', ADMIN, 0, false), {
    message: '[one.image.delete] Cannot delete image. There are 1 VMs using it.',
    code: 0x800,
  });
});

test('chtype checks the datastore, clone copies through LOCKED with the source showing CLONES', () => {
  const f = fixture({ vms: 0, speed: 1 });
  assert.equal(
    refused(f, 'one.image.chtype', ADMIN, 1, 'KERNEL').message,
    '[one.image.chtype] IMAGE_DS supports OS, DATABLOCK, CDROM image types',
  );
  assert.equal(
    refused(f, 'one.image.chtype', ADMIN, 1, 'FOO').message,
    '[one.image.chtype] Unknown image type FOO',
  );
  ok(f, 'one.image.chtype', ADMIN, 1, 'DATABLOCK');
  assert.equal(field(doc(f, 'one.image.info', ADMIN, 1), 'TYPE'), '2');
  const copy = ok(f, 'one.image.clone', ADMIN, 1, 'alpine-copy', -1) as number;
  const c = doc(f, 'one.image.info', ADMIN, copy);
  assert.equal(field(c, 'STATE'), '4');
  assert.equal(field(c, 'CLONING_ID'), '1');
  const src = doc(f, 'one.image.info', ADMIN, 1);
  assert.deepEqual(idList(src, 'CLONES'), [copy]);
  assert.equal(field(src, 'CLONING_OPS'), '1');
  assert.equal(field(src, 'STATE'), '6');
  assert.equal(
    refused(f, 'one.image.clone', ADMIN, 1, 'alpine-copy', -1).message,
    `[one.image.clone] NAME is already taken by IMAGE ${copy}.`,
  );
  assert.equal(
    refused(f, 'one.image.clone', ADMIN, copy, 'x', -1).message,
    '[one.image.clone] Cannot clone image in state LOCKED.',
  );
  f.sim.close();
});

test('clones finish at once at speed 0; a user clones into its own images', () => {
  const f = fixture({ vms: 0 });
  const copy = ok(f, 'one.image.clone', DEMO, 1, 'mine', -1) as number;
  const c = doc(f, 'one.image.info', DEMO, copy);
  assert.equal(field(c, 'STATE'), '1');
  assert.equal(field(c, 'UNAME'), 'demo');
  assert.equal(field(c, 'CLONING_ID'), '-1');
  assert.deepEqual(idList(doc(f, 'one.image.info', ADMIN, 1), 'CLONES'), []);
  assert.equal(refused(f, 'one.image.clone', DEMO, 4, 'theirs', -1).code, 0x200);
});

test('image snapshots: revert, delete rules, flatten', () => {
  const f = fixture({ vms: 0 });
  const id = 3; // demo-data: snapshot 0 (parent of 1), snapshot 1 active
  assert.equal(field(doc(f, 'one.image.info', DEMO, id), 'CURRENT_BASE'), '1');
  assert.equal(
    refused(f, 'one.image.snapshotdelete', DEMO, id, 1).message,
    '[one.image.snapshotdelete] Cannot delete the active snapshot',
  );
  assert.equal(
    refused(f, 'one.image.snapshotdelete', DEMO, id, 0).message,
    '[one.image.snapshotdelete] Cannot delete snapshot with children',
  );
  assert.equal(
    refused(f, 'one.image.snapshotrevert', DEMO, id, 9).message,
    '[one.image.snapshotrevert] Snapshot does not exist',
  );
  ok(f, 'one.image.snapshotrevert', DEMO, id, 0);
  assert.equal(field(doc(f, 'one.image.info', DEMO, id), 'CURRENT_BASE'), '0');
  ok(f, 'one.image.snapshotdelete', DEMO, id, 1);
  assert.doesNotMatch(doc(f, 'one.image.info', DEMO, id), /<ID><!\[CDATA\[1\]\]><\/ID>/);
  ok(f, 'one.image.snapshotflatten', DEMO, id, 0);
  assert.doesNotMatch(doc(f, 'one.image.info', DEMO, id), /<SNAPSHOT>/);
});

test('locks: level 1 blocks use and manage but not info; only the owner or an admin unlocks', () => {
  const f = fixture({ vms: 0 });
  ok(f, 'one.image.lock', DEMO, 3, 1, false);
  assert.match(doc(f, 'one.image.info', DEMO, 3), /<LOCK><LOCKED>1<\/LOCKED><OWNER>2<\/OWNER>/);
  assert.deepEqual(refused(f, 'one.image.rename', DEMO, 3, 'x'), {
    message: '[one.image.rename] User [2] : IMAGE is locked. [3].',
    code: 0x200,
  });
  assert.equal(
    refused(f, 'one.image.rename', ADMIN, 3, 'x').message,
    '[one.image.rename] User [0] : IMAGE is locked. [3].',
  );
  ok(f, 'one.image.lock', DEMO, 3, 3, false);
  ok(f, 'one.image.rename', DEMO, 3, 'renamed');
  ok(f, 'one.image.unlock', ADMIN, 3);
  assert.doesNotMatch(doc(f, 'one.image.info', DEMO, 3), /<LOCK>/);
  assert.equal(
    refused(f, 'one.image.lock', DEMO, 3, 7, false).message,
    '[one.image.lock] Error trying to lock the resource.',
  );
});

test('template clone (recursive copies the images), delete recursive, chmod recursive', () => {
  const f = fixture({ vms: 0 });
  const img = ok(f, 'one.image.allocate', DEMO, 'NAME = "d"\nTYPE = DATABLOCK\nSIZE = 10', 1) as number;
  const tpl = ok(
    f,
    'one.template.allocate',
    DEMO,
    `NAME = "t"\nCPU = 1\nMEMORY = 64\nDISK = [ IMAGE_ID = ${img} ]`,
  ) as number;
  assert.equal(
    refused(f, 'one.template.allocate', DEMO, 'NAME = "t"\nCPU = 1').message,
    `[one.template.allocate] NAME is already taken by TEMPLATE ${tpl}.`,
  );
  const copy = ok(f, 'one.template.clone', DEMO, tpl, 't2', true) as number;
  const t2 = doc(f, 'one.template.info', DEMO, copy);
  const copiedImg = Number(field(t2, 'IMAGE_ID'));
  assert.notEqual(copiedImg, img);
  assert.equal(field(doc(f, 'one.image.info', DEMO, copiedImg), 'NAME'), 't2-disk-0');
  ok(f, 'one.template.chmod', DEMO, copy, -1, -1, -1, 1, -1, -1, -1, -1, -1, true);
  assert.match(doc(f, 'one.image.info', DEMO, copiedImg), /<GROUP_U>1<\/GROUP_U>/);
  ok(f, 'one.template.delete', DEMO, copy, true);
  assert.equal(refused(f, 'one.image.info', DEMO, copiedImg).code, 0x400);
  ok(f, 'one.template.delete', DEMO, tpl, false);
  assert.equal(field(doc(f, 'one.image.info', DEMO, img), 'NAME'), 'd');
});

test('instantiate persistent makes a private copy with persistent images', () => {
  const f = fixture({ vms: 0 });
  const vm = ok(f, 'one.template.instantiate', DEMO, 1, 'keep', false, '', true) as number;
  const v = doc(f, 'one.vm.info', DEMO, vm);
  const tid = Number(field(v, 'TEMPLATE_ID'));
  assert.notEqual(tid, 1);
  assert.equal(field(doc(f, 'one.template.info', DEMO, tid), 'NAME'), 'keep');
  const imgId = Number(field(/<DISK>.*?<\/DISK>/.exec(v)?.[0] ?? '', 'IMAGE_ID'));
  assert.equal(field(doc(f, 'one.image.info', DEMO, imgId), 'PERSISTENT'), '1');
});
