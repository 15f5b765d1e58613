import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorize, canSee, denyReason, OP } from '../../../src/oned-sim/authz.js';
import { identityOf } from '../../../src/oned-sim/identity.js';
import { filterPredicate, selectRange } from '../../../src/oned-sim/pool-filter.js';
import { fixture } from './fixture.js';

function who(f: ReturnType<typeof fixture>, name: string) {
  const u = f.sim.state.userByName(name);
  assert.ok(u);
  return identityOf(f.sim.state, u);
}

test('owner bits grant the owner; group bits members; other bits everyone; M does not imply U', () => {
  const f = fixture();
  const s = f.sim.state;
  const demo = who(f, 'demo');
  const alice = who(f, 'alice');
  const vm = { id: 7, uid: 2, gid: 1, perms: 0o600 };
  assert.equal(denyReason(s, demo, 'VM', vm, OP.MANAGE), null);
  assert.equal(denyReason(s, demo, 'VM', vm, OP.ADMIN), 'Not authorized to perform ADMIN VM [7]');
  assert.equal(denyReason(s, alice, 'VM', vm, OP.USE), 'Not authorized to perform USE VM [7]');
  assert.equal(denyReason(s, alice, 'VM', { ...vm, perms: 0o604 }, OP.USE), null);
  assert.equal(
    denyReason(s, alice, 'VM', { ...vm, perms: 0o602 }, OP.USE),
    'Not authorized to perform USE VM [7]',
  );
  assert.equal(denyReason(s, who(f, 'oneadmin'), 'VM', vm, OP.ADMIN), null);
});

test('ACL rules: group users may CREATE VMs and see hosts; engineering too through its own rules', () => {
  const f = fixture();
  const s = f.sim.state;
  assert.equal(denyReason(s, who(f, 'demo'), 'VM', null, OP.CREATE), null);
  assert.equal(
    denyReason(s, who(f, 'demo'), 'HOST', null, OP.CREATE),
    'Not authorized to perform CREATE HOST',
  );
  const host = { id: 0, uid: 0, gid: 0, perms: 0o600, clusters: [0] };
  assert.equal(canSee(s, who(f, 'demo'), 'HOST', host), true);
  assert.equal(canSee(s, who(f, 'alice'), 'HOST', host), true);
  assert.equal(denyReason(s, who(f, 'alice'), 'VM', null, OP.CREATE), null);
});

test('locks refuse even oneadmin, from the locked level up', () => {
  const f = fixture();
  const vm = { id: 3, uid: 0, gid: 0, perms: 0o600, lock: { locked: 2, owner: 0, time: 0, reqId: 1 } };
  const admin = who(f, 'oneadmin');
  assert.equal(denyReason(f.sim.state, admin, 'VM', vm, OP.USE), null);
  assert.equal(denyReason(f.sim.state, admin, 'VM', vm, OP.MANAGE), 'VM is locked. [3]');
});

test("authorize throws oned's AUTHORIZATION message, reasons joined by '; '", () => {
  const f = fixture();
  assert.throws(
    () =>
      authorize(f.sim.state, 'one.vm.chown', who(f, 'alice'), [
        ['VM', { id: 1, uid: 2, gid: 1, perms: 0o600 }, OP.MANAGE],
        ['USER', { id: 2, uid: 2, gid: 1, perms: 0o600 }, OP.MANAGE],
      ]),
    (e: { message: string; onedCode: number }) =>
      e.onedCode === 512 &&
      e.message ===
        '[one.vm.chown] User [3] : Not authorized to perform MANAGE VM [1]; Not authorized to perform MANAGE USER [2].',
  );
});

test('filter flags: -4 primary group, -3 mine, -2 all I see, -1 mine or my groups, uid; < -4 refused', () => {
  const f = fixture();
  const s = f.sim.state;
  const objs = [
    { id: 0, uid: 2, gid: 1, perms: 0o600 },
    { id: 1, uid: 3, gid: 100, perms: 0o600 },
    { id: 2, uid: 0, gid: 1, perms: 0o640 },
    { id: 3, uid: 0, gid: 0, perms: 0o604 },
    { id: 4, uid: 0, gid: 0, perms: 0o600 },
  ];
  const ids = (name: string, flag: number): number[] =>
    objs.filter(filterPredicate(s, 'one.vmpool.info', who(f, name), 'VM', flag)).map((o) => o.id);
  assert.deepEqual(ids('demo', -2), [0, 2, 3]);
  assert.deepEqual(ids('demo', -3), [0]);
  assert.deepEqual(ids('demo', -1), [0, 2]);
  assert.deepEqual(ids('demo', -4), [0, 2]);
  assert.deepEqual(ids('demo', 3), []);
  assert.deepEqual(ids('alice', -2), [1, 3]);
  assert.deepEqual(ids('oneadmin', -2), [0, 1, 2, 3, 4]);
  assert.deepEqual(ids('oneadmin', 3), [1]);
  assert.throws(
    () => filterPredicate(s, 'one.vmpool.info', who(f, 'demo'), 'VM', -5),
    (e: { message: string; onedCode: number }) =>
      e.onedCode === 4096 && e.message === '[one.vmpool.info] Incorrect filter_flag',
  );
});

test('ranges: id bounds when end >= -1, pages (offset, -size) when end < -1, descending order', () => {
  const list = Array.from({ length: 10 }, (_, id) => ({ id }));
  const all = (): boolean => true;
  const ids = (start: number, end: number, desc = false): number[] =>
    selectRange(list, { start, end }, desc, all).map((o) => o.id);
  assert.deepEqual(ids(-1, -1), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(ids(3, 5), [3, 4, 5]);
  assert.deepEqual(ids(7, -1), [7, 8, 9]);
  assert.deepEqual(ids(-1, 2), [0, 1, 2]);
  assert.deepEqual(ids(0, -3), [0, 1, 2]);
  assert.deepEqual(ids(3, -3), [3, 4, 5]);
  assert.deepEqual(ids(9, -3), [9]);
  assert.deepEqual(ids(0, -3, true), [9, 8, 7]);
  assert.deepEqual(ids(3, -3, true), [6, 5, 4]);
  const odd = selectRange(list, { start: 1, end: -2 }, false, (o) => o.id % 2 === 1).map((o) => o.id);
  assert.deepEqual(odd, [3, 5]);
});
