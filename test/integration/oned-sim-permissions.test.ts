// Who sees and manages what, over real sockets: authentication forms, pool filter flags, paging,
// and oned's exact AUTHORIZATION and filter messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash } from 'node:crypto';
import { startSimulator, type Simulator } from '../../src/oned-sim/main.js';
import { doc, ok, poolIds, rpc } from './oned-sim-rpc.js';

const A = 'oneadmin:opennebula';

function token(sim: Simulator, target: string, expiry: number, server = 'serveradmin'): string {
  const hex = createHash('sha256').update(sim.serverAdmin.password).digest('hex');
  const c = createCipheriv('aes-256-cbc', Buffer.from(hex.slice(0, 32)), Buffer.from(hex.slice(0, 16)));
  return Buffer.concat([c.update(`${server}:${target}:${expiry}`), c.final()]).toString('base64');
}

async function start(t: { after: (fn: () => unknown) => void }): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, vms: 120, seed: 3, speed: 0 });
  t.after(() => sim.close());
  return sim;
}

const AUTH_FAIL = "[one.user.info] User couldn't be authenticated, aborting call.";

test('authentication: core, server_cipher and login tokens; every failure gives the same answer', async (t) => {
  const sim = await start(t);
  const now = Math.floor(Date.now() / 1000);
  assert.match(await doc(sim.url, 'one.user.info', 'demo:demo', -1), /^<USER><ID>2<\/ID>/);
  assert.match(
    await doc(sim.url, 'one.user.info', `serveradmin:demo:${token(sim, 'demo', now + 600)}`, -1),
    /^<USER><ID>2<\/ID>/,
  );
  const failures = [
    'demo:wrong',
    'ghost:demo',
    'demo',
    `serveradmin:demo:${token(sim, 'demo', now - 10)}`,
    `serveradmin:demo:${token(sim, 'demo', now + 600, 'otheradmin')}`,
    'serveradmin:demo:@@not-base64@@',
    `serveradmin:${sim.serverAdmin.password}`,
  ];
  for (const session of failures)
    assert.deepEqual(
      await rpc(sim.url, 'one.user.info', session, -1),
      [false, AUTH_FAIL, 256, -1, -1],
      session,
    );
  const login = String(await ok(sim.url, 'one.user.login', 'demo:demo', 'demo', '', 3600));
  assert.match(
    await doc(sim.url, 'one.user.info', `demo:${login}`, -1),
    /<LOGIN_TOKEN><TOKEN>[0-9a-f]{64}<\/TOKEN>/,
  );
});

test('demo sees only its own VMs with -2, -3, -1 and -4; alice none of them; oneadmin all', async (t) => {
  const sim = await start(t);
  const all = poolIds(await doc(sim.url, 'one.vmpool.info', A, -2, -1, -1, -2), 'VM');
  const owners = new Map(sim.core.state.vms.list().map((vm) => [vm.id, vm.uid]));
  assert.equal(all.length, 120);
  assert.deepEqual(
    all,
    [...all].sort((a, b) => b - a),
    'descending ids, as API_LIST_ORDER=DESC',
  );
  const demoVms = all.filter((id) => owners.get(id) === 2);
  assert.ok(demoVms.length > 0);
  for (const flag of [-2, -3, -1, -4]) {
    const ids = poolIds(await doc(sim.url, 'one.vmpool.info', 'demo:demo', flag, -1, -1, -2), 'VM');
    assert.deepEqual(ids, demoVms, `filter ${flag}`);
  }
  const alice = poolIds(await doc(sim.url, 'one.vmpool.infoextended', 'alice:alice', -2, -1, -1, -2), 'VM');
  assert.ok(alice.length > 0);
  assert.ok(alice.every((id) => owners.get(id) === 3));
  assert.deepEqual(poolIds(await doc(sim.url, 'one.vmpool.info', 'alice:alice', 2, -1, -1, -2), 'VM'), []);
  assert.deepEqual(poolIds(await doc(sim.url, 'one.vmpool.info', A, 2, -1, -1, -2), 'VM'), demoVms);
});

test('state filter: -1 hides DONE, -2 shows it, a number selects that state; out of range refused', async (t) => {
  const sim = await start(t);
  const byState = (xml: string): number[] =>
    [...xml.matchAll(/<VM><ID>\d+<\/ID>.*?<STATE>(\d+)<\/STATE>/g)].map((m) => Number(m[1]));
  const notDone = byState(await doc(sim.url, 'one.vmpool.info', A, -2, -1, -1, -1));
  assert.ok(notDone.every((s) => s !== 6));
  assert.ok(byState(await doc(sim.url, 'one.vmpool.info', A, -2, -1, -1, -2)).includes(6));
  assert.ok(byState(await doc(sim.url, 'one.vmpool.info', A, -2, -1, -1, 8)).every((s) => s === 8));
  assert.deepEqual(await rpc(sim.url, 'one.vmpool.info', A, -2, -1, -1, 12), [
    false,
    '[one.vmpool.info] Incorrect filter_flag, state',
    4096,
    -1,
    -1,
  ]);
  assert.deepEqual(await rpc(sim.url, 'one.vmpool.info', A, -5, -1, -1, -1), [
    false,
    '[one.vmpool.info] Incorrect filter_flag',
    4096,
    -1,
    -1,
  ]);
  assert.deepEqual(await rpc(sim.url, 'one.imagepool.info', A, -9, -1, -1), [
    false,
    '[one.imagepool.info] Incorrect filter_flag',
    4096,
    -1,
    -1,
  ]);
});

test('paging: (offset, -size) pages cover the pool once; (start, end) are id bounds', async (t) => {
  const sim = await start(t);
  const all = poolIds(await doc(sim.url, 'one.vmpool.info', A, -2, -1, -1, -2), 'VM');
  const pages: number[] = [];
  for (let offset = 0; ; offset += 50) {
    const page = poolIds(await doc(sim.url, 'one.vmpool.info', A, -2, offset, -50, -2), 'VM');
    pages.push(...page);
    if (page.length < 50) break;
  }
  assert.deepEqual(pages, all);
  assert.deepEqual(
    poolIds(await doc(sim.url, 'one.vmpool.info', A, -2, 10, 14, -2), 'VM'),
    [14, 13, 12, 11, 10],
  );
  assert.deepEqual(poolIds(await doc(sim.url, 'one.vmpool.info', A, -2, 118, -1, -2), 'VM'), [119, 118]);
});

test("MANAGE on someone else's VM is refused with oned's exact message; the owner may", async (t) => {
  const sim = await start(t);
  const running = sim.core.state.vms.list().find((vm) => vm.uid === 2 && vm.state === 3 && vm.lcm === 3);
  assert.ok(running);
  const id = running.id;
  assert.deepEqual(await rpc(sim.url, 'one.vm.action', 'alice:alice', 'poweroff', id), [
    false,
    `[one.vm.action] User [3] : Not authorized to perform MANAGE VM [${id}].`,
    512,
    id,
    -1,
  ]);
  assert.deepEqual(await rpc(sim.url, 'one.vm.info', 'alice:alice', id), [
    false,
    `[one.vm.info] User [3] : Not authorized to perform USE VM [${id}].`,
    512,
    id,
    -1,
  ]);
  assert.deepEqual(await rpc(sim.url, 'one.vm.action', 'demo:demo', 'poweroff', id), [true, id, 0]);
  assert.match(
    await doc(sim.url, 'one.vm.info', 'demo:demo', id),
    /<STATE>8<\/STATE><LCM_STATE>0<\/LCM_STATE>/,
  );
  assert.deepEqual(await rpc(sim.url, 'one.vm.info', A, 99999), [
    false,
    '[one.vm.info] Error getting virtual machine [99999].',
    1024,
    99999,
    -1,
  ]);
});

test('chmod shares a VM with the group; chown needs rights on the new owner', async (t) => {
  const sim = await start(t);
  const vm = sim.core.state.vms.list().find((v) => v.uid === 2 && v.state !== 6);
  assert.ok(vm);
  assert.deepEqual(
    await rpc(sim.url, 'one.vm.chmod', 'demo:demo', vm.id, -1, -1, -1, -1, -1, -1, 1, -1, -1),
    [true, vm.id, 0],
  );
  assert.ok(
    poolIds(await doc(sim.url, 'one.vmpool.info', 'alice:alice', -2, -1, -1, -2), 'VM').includes(vm.id),
  );
  const admin = await rpc(sim.url, 'one.vm.chmod', 'demo:demo', vm.id, -1, -1, 1, -1, -1, -1, -1, -1, -1);
  assert.deepEqual(admin.slice(0, 3), [
    false,
    `[one.vm.chmod] User [2] : Not authorized to perform ADMIN VM [${vm.id}].`,
    512,
  ]);
  const chown = await rpc(sim.url, 'one.vm.chown', 'demo:demo', vm.id, 3, -1);
  assert.deepEqual(chown.slice(0, 3), [
    false,
    '[one.vm.chown] User [2] : Not authorized to perform MANAGE USER [3].',
    512,
  ]);
  assert.deepEqual(await rpc(sim.url, 'one.vm.chown', A, vm.id, 3, 100), [true, vm.id, 0]);
  assert.match(
    await doc(sim.url, 'one.vm.info', 'alice:alice', vm.id),
    /<UNAME>alice<\/UNAME><GNAME>engineering<\/GNAME>/,
  );
  assert.deepEqual(await rpc(sim.url, 'one.vm.rename', 'alice:alice', vm.id, 'renamed'), [true, vm.id, 0]);
  assert.match(await doc(sim.url, 'one.vmpool.info', 'alice:alice', -3, -1, -1, -2), /<NAME>renamed<\/NAME>/);
});

test('infrastructure listings: users see hosts, networks and datastores through ACLs, not other users', async (t) => {
  const sim = await start(t);
  const hosts = poolIds(await doc(sim.url, 'one.hostpool.info', 'demo:demo'), 'HOST');
  assert.equal(hosts.length, sim.core.state.hosts.size);
  assert.deepEqual(poolIds(await doc(sim.url, 'one.userpool.info', 'demo:demo'), 'USER'), [2]);
  assert.deepEqual(poolIds(await doc(sim.url, 'one.userpool.info', A), 'USER'), [6, 5, 4, 3, 2, 1, 0]);
  // ACL `@1 NET+DATASTORE/* USE #0` (VDC default, all clusters) shows every network of zone 0.
  assert.deepEqual(
    poolIds(await doc(sim.url, 'one.vnpool.info', 'demo:demo', -2, -1, -1), 'VNET'),
    [2, 1, 0],
  );
  assert.deepEqual(poolIds(await doc(sim.url, 'one.vnpool.info', 'demo:demo', -3, -1, -1), 'VNET'), []);
  assert.deepEqual(
    poolIds(await doc(sim.url, 'one.vnpool.info', 'alice:alice', -2, -1, -1), 'VNET'),
    [2, 1, 0],
  );
  assert.deepEqual(poolIds(await doc(sim.url, 'one.grouppool.info', 'alice:alice'), 'GROUP'), [100]);
  assert.deepEqual(await rpc(sim.url, 'one.user.info', 'demo:demo', 3), [
    false,
    '[one.user.info] User [2] : Not authorized to perform USE USER [3].',
    512,
    3,
    -1,
  ]);
  assert.deepEqual((await rpc(sim.url, 'one.acl.info', 'demo:demo')).slice(0, 3), [
    false,
    '[one.acl.info] User [2] : Not authorized to perform MANAGE ACL.',
    512,
  ]);
});
