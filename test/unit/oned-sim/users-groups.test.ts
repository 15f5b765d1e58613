// Users, groups and ACL rules beyond login: quotas, secondary groups, drivers, group
// administrators, deletion rules and ACL rule management, with oned's messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, DEMO, doc, field, idList, ok, refused } from './calls.js';
import { fixture } from './fixture.js';

test('quota limits show in the user document beside the usage; oneadmin and bad values are refused', () => {
  const f = fixture();
  ok(f, 'one.user.quota', ADMIN, 2, 'VM = [ CPU = 4, VMS = 10 ]\nDATASTORE = [ ID = 1, SIZE = 20480 ]');
  const u = doc(f, 'one.user.info', ADMIN, 2);
  const vm = /<VM_QUOTA><VM>(.*?)<\/VM><\/VM_QUOTA>/.exec(u)?.[1] ?? '';
  assert.equal(field(vm, 'CPU'), '4');
  assert.equal(field(vm, 'VMS'), '10');
  assert.equal(field(vm, 'MEMORY'), '-1');
  const ds = /<DATASTORE_QUOTA><DATASTORE>(.*?)<\/DATASTORE>/.exec(u)?.[1] ?? '';
  assert.equal(field(ds, 'ID'), '1');
  assert.equal(field(ds, 'SIZE'), '20480');
  // demo owns the persistent image demo-data (10240 MB) in datastore 1.
  assert.equal(field(ds, 'SIZE_USED'), '10240');
  assert.deepEqual(refused(f, 'one.user.quota', ADMIN, 0, 'VM = [ CPU = 1 ]'), {
    message: '[one.user.quota] Cannot set quotas for oneadmin user',
    code: 0x800,
  });
  assert.equal(refused(f, 'one.user.quota', ADMIN, 2, 'VM = [ CPU = -5 ]').code, 0x800);
  assert.deepEqual(refused(f, 'one.user.quota', DEMO, 2, 'VM = [ CPU = 1 ]'), {
    message: '[one.user.quota] User [2] : Not authorized to perform ADMIN USER [2].',
    code: 0x200,
  });
  ok(f, 'one.group.quota', ADMIN, 1, 'VM = [ MEMORY = 8192 ]');
  const g = doc(f, 'one.group.info', ADMIN, 1);
  assert.equal(field(/<VM_QUOTA>(.*?)<\/VM_QUOTA>/.exec(g)?.[1] ?? '', 'MEMORY'), '8192');
  assert.equal(
    refused(f, 'one.group.quota', ADMIN, 0, 'VM = [ CPU = 1 ]').message,
    '[one.group.quota] Cannot set quotas for oneadmin group',
  );
});

test('secondary groups: addgroup, delgroup and their refusals', () => {
  const f = fixture();
  ok(f, 'one.user.addgroup', ADMIN, 2, 100);
  assert.deepEqual(idList(doc(f, 'one.user.info', ADMIN, 2), 'GROUPS'), [1, 100]);
  assert.equal(
    refused(f, 'one.user.addgroup', ADMIN, 2, 100).message,
    '[one.user.addgroup] User is already in this group',
  );
  assert.equal(
    refused(f, 'one.user.delgroup', ADMIN, 2, 1).message,
    '[one.user.delgroup] Cannot remove user from its primary group',
  );
  ok(f, 'one.user.delgroup', ADMIN, 2, 100);
  assert.equal(
    refused(f, 'one.user.delgroup', ADMIN, 2, 100).message,
    '[one.user.delgroup] User is not part of this group',
  );
  assert.equal(refused(f, 'one.user.addgroup', ADMIN, 2, 999).code, 0x400);
});

test('chauth changes the driver, keeps the password when none is given and hashes a new core one', () => {
  const f = fixture();
  const before = field(doc(f, 'one.user.info', ADMIN, 2), 'PASSWORD');
  ok(f, 'one.user.chauth', ADMIN, 2, 'ldap', '');
  const u = doc(f, 'one.user.info', ADMIN, 2);
  assert.equal(field(u, 'AUTH_DRIVER'), 'ldap');
  assert.equal(field(u, 'PASSWORD'), before);
  ok(f, 'one.user.chauth', ADMIN, 2, 'core', 'newpass');
  assert.equal(field(doc(f, 'one.user.info', 'demo:newpass', -1), 'NAME'), 'demo');
  assert.equal(refused(f, 'one.user.chauth', 'demo:newpass', 3, 'core', '').code, 0x200);
});

test('user delete: oneadmin never, others gone with their group administration', () => {
  const f = fixture();
  assert.deepEqual(refused(f, 'one.user.delete', ADMIN, 0), {
    message: '[one.user.delete] Cannot delete user. oneadmin cannot be deleted.',
    code: 0x800,
  });
  assert.equal(refused(f, 'one.user.delete', DEMO, 2).code, 0x200);
  ok(f, 'one.group.addadmin', ADMIN, 1, 2);
  ok(f, 'one.user.delete', ADMIN, 2);
  assert.equal(refused(f, 'one.user.info', ADMIN, 2).message, '[one.user.info] Error getting user [2].');
  assert.deepEqual(idList(doc(f, 'one.group.info', ADMIN, 1), 'ADMINS'), []);
});

test('group administrators: members only, with the ACL rules oned writes', () => {
  const f = fixture();
  assert.equal(
    refused(f, 'one.group.addadmin', ADMIN, 100, 2).message,
    '[one.group.addadmin] User 2 is not part of Group 100.',
  );
  const rules = (): number => (doc(f, 'one.acl.info', ADMIN).match(/<ACL>/g) ?? []).length;
  const before = rules();
  ok(f, 'one.group.addadmin', ADMIN, 1, 2);
  assert.deepEqual(idList(doc(f, 'one.group.info', ADMIN, 1), 'ADMINS'), [2]);
  assert.equal(rules(), before + 2);
  assert.match(doc(f, 'one.acl.info', ADMIN), /<STRING>#2 USER\/@1 USE\+MANAGE\+ADMIN\+CREATE \*<\/STRING>/);
  assert.equal(
    refused(f, 'one.group.addadmin', ADMIN, 1, 2).message,
    '[one.group.addadmin] User 2 is already an administrator of Group 1.',
  );
  ok(f, 'one.group.deladmin', ADMIN, 1, 2);
  assert.equal(rules(), before);
  assert.equal(
    refused(f, 'one.group.deladmin', ADMIN, 1, 2).message,
    '[one.group.deladmin] User 2 is not an administrator of Group 1.',
  );
});

test('group update, allocate into VDC default, and the delete rules', () => {
  const f = fixture();
  ok(f, 'one.group.update', ADMIN, 1, 'SUNSTONE = [ DEFAULT_VIEW = "cloud" ]', 1);
  assert.match(doc(f, 'one.group.info', ADMIN, 1), /<DEFAULT_VIEW><!\[CDATA\[cloud\]\]><\/DEFAULT_VIEW>/);
  assert.deepEqual(refused(f, 'one.group.delete', ADMIN, 1), {
    message: '[one.group.delete] Cannot delete group. System Groups (ID < 100) cannot be deleted.',
    code: 0x800,
  });
  assert.equal(
    refused(f, 'one.group.delete', ADMIN, 100).message,
    '[one.group.delete] Cannot delete group. Group 100 is not empty.',
  );
  const gid = ok(f, 'one.group.allocate', ADMIN, 'qa') as number;
  assert.ok(idList(doc(f, 'one.vdc.info', ADMIN, 0), 'GROUPS').includes(gid));
  ok(f, 'one.acl.addrule', ADMIN, (0x200000000 + gid).toString(16), '1400000000', '1');
  ok(f, 'one.group.delete', ADMIN, gid);
  assert.ok(!idList(doc(f, 'one.vdc.info', ADMIN, 0), 'GROUPS').includes(gid));
  assert.doesNotMatch(doc(f, 'one.acl.info', ADMIN), new RegExp(`@${gid} `));
  assert.equal(refused(f, 'one.group.delete', DEMO, 1).code, 0x200);
});

test('ACL rules: administrators only, new ids, duplicates and malformed rules refused, delrule', () => {
  const f = fixture();
  assert.deepEqual(refused(f, 'one.acl.addrule', DEMO, '200000001', '1400000000', '1'), {
    message: '[one.acl.addrule] User [2] : Not authorized to perform MANAGE ACL.',
    code: 0x200,
  });
  const id = ok(f, 'one.acl.addrule', ADMIN, '100000002', '2400000000', '3', '400000000') as number;
  assert.match(
    doc(f, 'one.acl.info', ADMIN),
    new RegExp(`<ACL><ID>${id}</ID>.*?<STRING>#2 HOST/\\* USE\\+MANAGE \\*</STRING>`),
  );
  assert.equal(
    refused(f, 'one.acl.addrule', ADMIN, '100000002', '2400000000', '3', '400000000').message,
    '[one.acl.addrule] Rule already exists',
  );
  assert.match(
    refused(f, 'one.acl.addrule', ADMIN, '100000002', '400000000', '3').message,
    /^\[one\.acl\.addrule\] Rule .* is malformed: \[resource\] type is missing$/,
  );
  assert.match(
    refused(f, 'one.acl.addrule', ADMIN, '100000002', '2400000000', '0').message,
    /\[rights\], it cannot be 0/,
  );
  ok(f, 'one.acl.delrule', ADMIN, id);
  assert.equal(
    refused(f, 'one.acl.delrule', ADMIN, id).message,
    `[one.acl.delrule] Rule ${id} does not exist`,
  );
});
