// Wild VMs and their import (issue #4): the seeded TEMPLATE/VM entries, a VM allocated with
// IMPORT_VM_ID held until deployed, its deploy straight to RUNNING (no PROLOG/BOOT, even when
// transitions take time), the wild entry gone from its host, and a second import of the guest refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WILDS, wildTemplate, type WildSeed } from '../../../src/oned-sim/seed-wilds.js';
import { ADMIN, doc, field, ok, refused } from './calls.js';
import { fixture, type Fixture } from './fixture.js';

function wild(name: string): WildSeed {
  const w = WILDS.find((x) => x.name === name);
  assert.ok(w, name);
  return w;
}

/** [VM_NAME, DEPLOY_ID, decoded IMPORT_TEMPLATE] of each TEMPLATE/VM of the host. */
function wildsOf(f: Fixture, host: number): Array<[string, string, string]> {
  const xml = doc(f, 'one.host.info', ADMIN, host);
  const template = /<TEMPLATE>(.*)<\/TEMPLATE>/.exec(xml)?.[1] ?? '';
  return [...template.matchAll(/<VM>(.*?)<\/VM>/g)].map(([, v]) => [
    field(v as string, 'VM_NAME') ?? '',
    field(v as string, 'DEPLOY_ID') ?? '',
    Buffer.from(field(v as string, 'IMPORT_TEMPLATE') ?? '', 'base64').toString('utf8'),
  ]);
}

/** Transitions take time (speed 1, the clock does not move): a normal deploy stays in PROLOG. */
function slowFixture(t: { after(fn: () => void): void }): Fixture {
  const f = fixture({ speed: 1 });
  t.after(() => f.sim.close());
  return f;
}

test('seeded wilds: two on host 0 and one on host 1, each with its import template', () => {
  const f = fixture();
  const names = (h: number): string[] => wildsOf(f, h).map(([n]) => n);
  assert.deepEqual(names(0), ['legacy-db', 'legacy-web']);
  assert.deepEqual(names(1), ['build-agent']);
  assert.deepEqual(names(2), []);
  for (const [name, deployId, template] of [...wildsOf(f, 0), ...wildsOf(f, 1)]) {
    assert.equal(deployId, wild(name).uuid);
    assert.match(template, new RegExp(`^NAME="${name}"$`, 'm'));
    assert.match(template, new RegExp(`^IMPORT_VM_ID="${deployId}"$`, 'm'));
  }
  // Same seed, same documents.
  assert.deepEqual(wildsOf(fixture(), 0), wildsOf(f, 0));
});

test('an imported VM waits on HOLD, then its deploy makes it RUNNING at once and it stops being wild', (t) => {
  const f = slowFixture(t);
  const db = wild('legacy-db');
  const id = ok(f, 'one.vm.allocate', ADMIN, wildTemplate(db), false) as number;
  let xml = doc(f, 'one.vm.info', ADMIN, id);
  assert.equal(field(xml, 'STATE'), '2', 'HOLD: the scheduler must not place it elsewhere');
  assert.equal(field(xml, 'DEPLOY_ID'), db.uuid);
  assert.equal(field(xml, 'IMPORTED'), 'YES');
  assert.doesNotMatch(xml, /IMPORT_VM_ID/, 'kept as DEPLOY_ID, not in the template');

  ok(f, 'one.vm.deploy', ADMIN, id, db.host, false, -1, '');
  xml = doc(f, 'one.vm.info', ADMIN, id);
  assert.deepEqual([field(xml, 'STATE'), field(xml, 'LCM_STATE')], ['3', '3'], 'RUNNING, no PROLOG');
  assert.equal(field(xml, 'HID'), String(db.host));
  assert.equal(field(xml, 'PSTIME'), field(xml, 'RSTIME'));
  assert.deepEqual(
    wildsOf(f, db.host).map(([n]) => n),
    ['legacy-web'],
  );
  assert.ok(f.sim.state.hosts.get(db.host)?.vms.has(id), 'it holds capacity on the host');

  // An ordinary VM deployed the same way is still copying its disks.
  const plain = ok(f, 'one.vm.allocate', ADMIN, 'CPU=0.1\nMEMORY=64', true) as number;
  ok(f, 'one.vm.deploy', ADMIN, plain, db.host, false, -1, '');
  assert.equal(field(doc(f, 'one.vm.info', ADMIN, plain), 'LCM_STATE'), '1', 'PROLOG');
});

test('a guest imported already is refused until its VM is gone', () => {
  const f = fixture();
  const web = wild('legacy-web');
  const id = ok(f, 'one.vm.allocate', ADMIN, wildTemplate(web), false) as number;
  const again = refused(f, 'one.vm.allocate', ADMIN, wildTemplate(web), false);
  assert.equal(
    again.message,
    `[one.vm.allocate] Error allocating a new virtual machine. Virtual machine ${web.uuid} already imported as VM ${id}.`,
  );
  assert.equal(f.sim.state.vms.get(id + 1), undefined, 'nothing allocated');
  ok(f, 'one.vm.recover', ADMIN, id, 3);
  assert.equal(typeof ok(f, 'one.vm.allocate', ADMIN, wildTemplate(web), false), 'number');
});
