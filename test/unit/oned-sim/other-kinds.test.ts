// VM groups, virtual routers, marketplaces and apps, backup jobs and OneFlow's documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, ALICE, DEMO, doc, field, idList, ok, poolIds, refused } from './calls.js';
import { fixture } from './fixture.js';

test('VM groups: roles checked, VMs shown in their role, delete refused while used', () => {
  const f = fixture({ vms: 0 });
  assert.equal(
    refused(f, 'one.vmgroup.allocate', DEMO, 'NAME = "g"').message,
    '[one.vmgroup.allocate] Error allocating a new vm group. A VM group needs at least one ROLE.',
  );
  assert.match(
    refused(f, 'one.vmgroup.allocate', DEMO, 'NAME = "g"\nROLE = [ NAME = "a", POLICY = "SIDEWAYS" ]')
      .message,
    /Invalid POLICY SIDEWAYS for role a\.$/,
  );
  const id = ok(
    f,
    'one.vmgroup.allocate',
    DEMO,
    'NAME = "web"\nROLE = [ NAME = "front", POLICY = "ANTI_AFFINED" ]\nROLE = [ NAME = "db" ]',
  ) as number;
  const vm = ok(
    f,
    'one.vm.allocate',
    DEMO,
    `CPU = 0.1\nMEMORY = 64\nVMGROUP = [ VMGROUP_ID = ${id}, ROLE = "front" ]`,
    false,
  ) as number;
  const g = doc(f, 'one.vmgroup.info', DEMO, id);
  assert.match(
    g,
    new RegExp(
      `<ROLE><ID><!\\[CDATA\\[0\\]\\]></ID><NAME><!\\[CDATA\\[front\\]\\]></NAME><POLICY><!\\[CDATA\\[ANTI_AFFINED\\]\\]></POLICY><VMS><!\\[CDATA\\[${vm}\\]\\]></VMS></ROLE>`,
    ),
  );
  assert.match(
    g,
    /<ROLE><ID><!\[CDATA\[1\]\]><\/ID><NAME><!\[CDATA\[db\]\]><\/NAME><POLICY><!\[CDATA\[NONE\]\]><\/POLICY><\/ROLE>/,
  );
  assert.equal(
    refused(f, 'one.vmgroup.delete', DEMO, id).message,
    `[one.vmgroup.delete] Cannot delete vm group. VM group ${id} has VMs in its roles.`,
  );
  ok(f, 'one.vm.action', DEMO, 'terminate-hard', vm);
  ok(f, 'one.vmgroup.delete', DEMO, id);
  assert.deepEqual(poolIds(doc(f, 'one.vmgrouppool.info', DEMO, -1, -1, -1), 'VM_GROUP'), []);
});

test('virtual routers: instantiate VMs with the router NICs, attach/detach NICs, delete takes the VMs', () => {
  const f = fixture({ vms: 0 });
  const r = ok(f, 'one.vrouter.allocate', ADMIN, 'NAME = "gw"\nNIC = [ NETWORK_ID = 0 ]') as number;
  assert.equal(ok(f, 'one.vrouter.instantiate', ADMIN, r, 2, 1, 'gw-%i', false, ''), r);
  const vms = idList(doc(f, 'one.vrouter.info', ADMIN, r), 'VMS');
  assert.equal(vms.length, 2);
  const v = doc(f, 'one.vm.info', ADMIN, vms[1] as number);
  assert.equal(field(v, 'NAME'), 'gw-1');
  assert.equal(field(v, 'VROUTER_ID'), String(r));
  assert.equal(field(/<NIC>.*?<\/NIC>/.exec(v)?.[0] ?? '', 'NETWORK_ID'), '0');
  ok(f, 'one.vrouter.attachnic', ADMIN, r, 'NIC = [ NETWORK_ID = 1 ]');
  assert.equal((doc(f, 'one.vm.info', ADMIN, vms[0] as number).match(/<NIC>/g) ?? []).length, 2);
  assert.equal((doc(f, 'one.vrouter.info', ADMIN, r).match(/<NIC>/g) ?? []).length, 2);
  ok(f, 'one.vrouter.detachnic', ADMIN, r, 1);
  assert.equal((doc(f, 'one.vm.info', ADMIN, vms[0] as number).match(/<NIC>/g) ?? []).length, 1);
  assert.equal(
    refused(f, 'one.vrouter.detachnic', ADMIN, r, 9).message,
    '[one.vrouter.detachnic] NIC with NIC_ID 9 does not exist.',
  );
  assert.equal(refused(f, 'one.vrouter.instantiate', ADMIN, r, 0, 1, '', false, '').code, 0x800);
  ok(f, 'one.vrouter.delete', ADMIN, r);
  assert.equal(field(doc(f, 'one.vm.info', ADMIN, vms[0] as number), 'STATE'), '6');
});

test('marketplaces: driver attributes required, apps only in private ones, delete when empty', () => {
  const f = fixture({ vms: 0 });
  assert.equal(
    refused(f, 'one.market.allocate', ADMIN, 'NAME = "m"\nMARKET_MAD = "http"').message,
    '[one.market.allocate] Error allocating a new marketplace. MarketPlace template is missing the BASE_URL attribute.',
  );
  const m = ok(
    f,
    'one.market.allocate',
    ADMIN,
    'NAME = "m"\nMARKET_MAD = "http"\nBASE_URL = "http://x/"\nPUBLIC_DIR = "/var/tmp"',
  ) as number;
  assert.equal(m, 100);
  assert.equal(
    refused(f, 'one.marketapp.allocate', ADMIN, 'NAME = "a"\nORIGIN_ID = 1\nTYPE = "IMAGE"', 0).message,
    '[one.marketapp.allocate] Error allocating a new marketplaceapp. Create disabled for market: OpenNebula Public',
  );
  const app = ok(
    f,
    'one.marketapp.allocate',
    ADMIN,
    'NAME = "alpine"\nORIGIN_ID = 1\nTYPE = "IMAGE"',
    m,
  ) as number;
  const a = doc(f, 'one.marketapp.info', ADMIN, app);
  assert.equal(field(a, 'STATE'), '1');
  assert.equal(field(a, 'SIZE'), '256');
  assert.equal(field(a, 'MARKETPLACE'), 'm');
  assert.deepEqual(idList(doc(f, 'one.market.info', ADMIN, m), 'MARKETPLACEAPPS'), [app]);
  ok(f, 'one.marketapp.enable', ADMIN, app, false);
  assert.equal(field(doc(f, 'one.marketapp.info', ADMIN, app), 'STATE'), '4');
  assert.equal(
    refused(f, 'one.market.delete', ADMIN, m).message,
    `[one.market.delete] Cannot delete marketplace. MarketPlace ${m} is not empty.`,
  );
  ok(f, 'one.marketapp.delete', ADMIN, app);
  ok(f, 'one.market.enable', ADMIN, m, false);
  assert.match(doc(f, 'one.market.info', ADMIN, m), /<STATE>1<\/STATE>/);
  ok(f, 'one.market.delete', ADMIN, m);
  assert.equal(poolIds(doc(f, 'one.marketapppool.info', DEMO, -2, -1, -1), 'MARKETPLACEAPP').length, 4);
});

test('backup jobs: priority rules, a backup of its VMs, errors for the ones that cannot', () => {
  const f = fixture({ vms: 0 });
  const running = ok(
    f,
    'one.vm.allocate',
    ADMIN,
    'CPU = 0.1\nMEMORY = 64\nDISK = [ IMAGE_ID = 1 ]',
    false,
  ) as number;
  const held = ok(f, 'one.vm.allocate', ADMIN, 'CPU = 0.1\nMEMORY = 64', true) as number;
  const j = ok(
    f,
    'one.backupjob.allocate',
    ADMIN,
    `NAME = "nightly"\nBACKUP_VMS = "${running},${held}"\nDATASTORE_ID = 100`,
  ) as number;
  assert.deepEqual(idList(doc(f, 'one.backupjob.info', ADMIN, j), 'OUTDATED_VMS'), [running, held]);
  assert.equal(
    refused(f, 'one.backupjob.priority', ADMIN, j, 120).message,
    '[one.backupjob.priority] Priority must be in range [0, 99]',
  );
  ok(f, 'one.backupjob.priority', ADMIN, j, 90);
  ok(f, 'one.backupjob.backup', ADMIN, j);
  const after = doc(f, 'one.backupjob.info', ADMIN, j);
  assert.equal(field(after, 'PRIORITY'), '90');
  assert.deepEqual(idList(after, 'UPDATED_VMS'), [running]);
  assert.deepEqual(idList(after, 'ERROR_VMS'), [held]);
  assert.equal(idList(doc(f, 'one.vm.info', ADMIN, running), 'BACKUP_IDS').length, 1);
  const sa = ok(
    f,
    'one.backupjob.schedadd',
    ADMIN,
    j,
    'SCHED_ACTION = [ ACTION = "backup", TIME = "+86400", REPEAT = 3, DAYS = "24" ]',
  ) as number;
  assert.match(
    doc(f, 'one.backupjob.info', ADMIN, j),
    new RegExp(`<SCHED_ACTIONS><ID>${sa}</ID></SCHED_ACTIONS>.*<SCHED_ACTION><ID>${sa}</ID>`),
  );
  assert.equal(
    refused(f, 'one.backupjob.schedadd', ADMIN, j, 'SCHED_ACTION = [ ACTION = "poweroff", TIME = "1" ]')
      .message,
    '[one.backupjob.schedadd] Invalid ACTION in SCHED_ACTION: poweroff',
  );
  ok(f, 'one.vm.action', ADMIN, 'release', held);
  ok(f, 'one.backupjob.retry', ADMIN, j);
  assert.deepEqual(idList(doc(f, 'one.backupjob.info', ADMIN, j), 'ERROR_VMS'), []);
});

test('documents: OneFlow types, the pool filtered by type, clone, locks', () => {
  const f = fixture({ vms: 0 });
  const tmpl = ok(
    f,
    'one.document.allocate',
    DEMO,
    'NAME = "web-service"\nTEMPLATE_BODY = "{}"',
    101,
  ) as number;
  const svc = ok(f, 'one.document.allocate', DEMO, 'NAME = "web-1"\nTEMPLATE_BODY = "{}"', 100) as number;
  const d = doc(f, 'one.document.info', DEMO, tmpl);
  assert.match(
    d,
    /^<DOCUMENT><ID>\d+<\/ID><UID>2<\/UID><GID>1<\/GID><UNAME>demo<\/UNAME><GNAME>users<\/GNAME><NAME>web-service<\/NAME><TYPE>101<\/TYPE><PERMISSIONS>/,
  );
  assert.deepEqual(poolIds(doc(f, 'one.documentpool.info', DEMO, -3, -1, -1, 101), 'DOCUMENT'), [tmpl]);
  assert.deepEqual(poolIds(doc(f, 'one.documentpool.info', DEMO, -3, -1, -1, 100), 'DOCUMENT'), [svc]);
  const copy = ok(f, 'one.document.clone', DEMO, tmpl, 'web-service-2') as number;
  assert.equal(field(doc(f, 'one.document.info', DEMO, copy), 'TYPE'), '101');
  ok(f, 'one.document.lock', DEMO, svc, 2, false);
  assert.equal(
    refused(f, 'one.document.update', DEMO, svc, 'X = 1', 1).message,
    `[one.document.update] User [2] : DOCUMENT is locked. [${svc}].`,
  );
  assert.equal(refused(f, 'one.document.info', ALICE, svc).code, 0x200);
  ok(f, 'one.document.unlock', DEMO, svc);
  ok(f, 'one.document.delete', DEMO, svc);
});
