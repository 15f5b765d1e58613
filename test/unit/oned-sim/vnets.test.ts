// Virtual networks, network templates and security groups: address ranges, holds, reservations,
// recover, delete rules, instantiation, rule checks and commits, with oned's messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, DEMO, doc, field, idList, ok, refused } from './calls.js';
import { fixture } from './fixture.js';

function ars(xml: string): string[] {
  return xml.match(/<AR>.*?<\/AR>/g) ?? [];
}

test('address ranges: add, update (SIZE grows), remove; leases in use keep a range', () => {
  const f = fixture({ vms: 0 });
  ok(f, 'one.vn.add_ar', ADMIN, 0, 'AR = [ TYPE = "ETHER", SIZE = "8" ]');
  let n = doc(f, 'one.vn.info', ADMIN, 0);
  assert.equal(ars(n).length, 2);
  assert.equal(field(ars(n)[1] as string, 'AR_ID'), '1');
  assert.equal(field(ars(n)[1] as string, 'TYPE'), 'ETHER');
  assert.equal(refused(f, 'one.vn.add_ar', ADMIN, 0, 'AR = [ TYPE = "IP4", SIZE = "8" ]').code, 0x800);
  assert.equal(refused(f, 'one.vn.add_ar', DEMO, 0, 'AR = [ TYPE = "ETHER", SIZE = "8" ]').code, 0x200);
  ok(f, 'one.vn.update_ar', ADMIN, 0, 'AR = [ AR_ID = "1", SIZE = "16" ]');
  assert.equal(field(ars(doc(f, 'one.vn.info', ADMIN, 0))[1] as string, 'SIZE'), '16');
  ok(f, 'one.vn.hold', ADMIN, 0, 'LEASES = [ IP = "192.168.100.10" ]');
  assert.deepEqual(refused(f, 'one.vn.rm_ar', ADMIN, 0, 0, false), {
    message: '[one.vn.rm_ar] Address Range has leases in use',
    code: 0x800,
  });
  ok(f, 'one.vn.rm_ar', ADMIN, 0, 1, false);
  n = doc(f, 'one.vn.info', ADMIN, 0);
  assert.equal(ars(n).length, 1);
  assert.equal(
    refused(f, 'one.vn.rm_ar', ADMIN, 0, 7, false).message,
    '[one.vn.rm_ar] Address Range 7 does not exist',
  );
});

test('hold and release one address; a VM never gets a held one', () => {
  const f = fixture({ vms: 0 });
  ok(f, 'one.vn.hold', ADMIN, 0, 'LEASES = [ IP = "192.168.100.10" ]');
  const n = doc(f, 'one.vn.info', ADMIN, 0);
  assert.match(
    n,
    /<LEASE><IP><!\[CDATA\[192\.168\.100\.10\]\]><\/IP><MAC><!\[CDATA\[02:00:c0:a8:64:0a\]\]><\/MAC><VM><!\[CDATA\[-1\]\]><\/VM><\/LEASE>/,
  );
  assert.equal(field(n, 'USED_LEASES'), '1');
  assert.equal(
    refused(f, 'one.vn.hold', ADMIN, 0, 'LEASES = [ IP = "192.168.100.10" ]').message,
    '[one.vn.hold] Address 192.168.100.10 is already in use',
  );
  assert.equal(
    refused(f, 'one.vn.hold', ADMIN, 0, 'LEASES = [ IP = "10.0.0.1" ]').message,
    '[one.vn.hold] Address 10.0.0.1 is not part of the network',
  );
  const vm = ok(
    f,
    'one.vm.allocate',
    ADMIN,
    'CPU = 1\nMEMORY = 64\nNIC = [ NETWORK_ID = 0 ]',
    false,
  ) as number;
  assert.equal(field(doc(f, 'one.vm.info', ADMIN, vm), 'IP'), '192.168.100.11');
  ok(f, 'one.vn.release', ADMIN, 0, 'LEASES = [ IP = "192.168.100.10" ]');
  assert.equal(
    refused(f, 'one.vn.release', ADMIN, 0, 'LEASES = [ IP = "192.168.100.10" ]').message,
    '[one.vn.release] Address 192.168.100.10 is not on hold',
  );
  assert.match(
    doc(f, 'one.vnpool.info', ADMIN, -2, 0, 0),
    /<ALLOCATED><!\[CDATA\[ 1 68719476736\]\]><\/ALLOCATED>/,
  );
});

test('reservations: a new network owned by the caller; the parent shows the addresses taken', () => {
  const f = fixture({ vms: 0 });
  assert.equal(
    refused(f, 'one.vn.reserve', DEMO, 1, 'SIZE = 4\nNAME = "mine"').message,
    '[one.vn.reserve] User [2] : Not authorized to perform CREATE NET.',
  );
  ok(f, 'one.acl.addrule', ADMIN, '200000001', '4400000000', '8', '400000000'); // @1 NET/* CREATE *
  const rid = ok(f, 'one.vn.reserve', DEMO, 1, 'SIZE = 4\nNAME = "mine"') as number;
  const r = doc(f, 'one.vn.info', DEMO, rid);
  assert.equal(field(r, 'UNAME'), 'demo');
  assert.equal(field(r, 'PARENT_NETWORK_ID'), '1');
  assert.equal(field(r, 'PARENT_NETWORK_AR_ID'), '0');
  assert.equal(field(r, 'SIZE'), '4');
  assert.equal(field(r, 'IP'), '10.10.0.2');
  const p = doc(f, 'one.vn.info', ADMIN, 1);
  assert.match(
    p,
    new RegExp(
      `<LEASE><IP><!\\[CDATA\\[10\\.10\\.0\\.2\\]\\]></IP>.*?<VNET><!\\[CDATA\\[${rid}\\]\\]></VNET></LEASE>`,
    ),
  );
  assert.equal(
    refused(f, 'one.vn.delete', ADMIN, 1).message,
    '[one.vn.delete] Cannot delete virtual network. Can not remove a virtual network with reservations',
  );
  assert.equal(
    refused(f, 'one.vn.reserve', DEMO, 1, 'SIZE = 4').message,
    '[one.vn.reserve] Reservation requires a NAME or NETWORK_ID',
  );
  ok(f, 'one.vn.reserve', DEMO, 1, `SIZE = 2\nNETWORK_ID = ${rid}`);
  assert.equal(ars(doc(f, 'one.vn.info', DEMO, rid)).length, 2);
  ok(f, 'one.vn.free_ar', DEMO, rid, 1);
  ok(f, 'one.vn.delete', DEMO, rid);
  assert.doesNotMatch(doc(f, 'one.vn.info', ADMIN, 1), /<VNET><!\[CDATA/);
});

test('recover and delete: a network stuck in LOCK_CREATE recovers; leases in use keep a network', () => {
  const f = fixture({ vms: 3, speed: 1 });
  const id = ok(f, 'one.vn.allocate', ADMIN, 'NAME = "n"\nVN_MAD = "dummy"', -1) as number;
  assert.equal(field(doc(f, 'one.vn.info', ADMIN, id), 'STATE'), '2');
  assert.equal(
    refused(f, 'one.vn.recover', ADMIN, id, 7).message,
    '[one.vn.recover] Wrong recovery operation code',
  );
  ok(f, 'one.vn.recover', ADMIN, id, 0);
  assert.equal(field(doc(f, 'one.vn.info', ADMIN, id), 'STATE'), '5');
  ok(f, 'one.vn.recover', ADMIN, id, 1);
  assert.equal(field(doc(f, 'one.vn.info', ADMIN, id), 'STATE'), '1');
  assert.equal(
    refused(f, 'one.vn.delete', ADMIN, 1).message,
    '[one.vn.delete] Cannot delete virtual network. Can not remove a virtual network with leases in use',
  );
  ok(f, 'one.vn.delete', ADMIN, id);
  f.sim.close();
});

test('network templates instantiate into networks of their cluster', () => {
  const f = fixture({ vms: 0 });
  assert.equal(
    refused(f, 'one.vntemplate.allocate', ADMIN, 'NAME = "t"').message,
    '[one.vntemplate.allocate] Error allocating a new virtual network template. VN_MAD attribute is required.',
  );
  const t = ok(
    f,
    'one.vntemplate.allocate',
    ADMIN,
    'NAME = "lan"\nVN_MAD = "bridge"\nAR = [ TYPE = "IP4", IP = "10.9.0.1", SIZE = "10" ]',
  ) as number;
  ok(f, 'one.vntemplate.chmod', ADMIN, t, -1, -1, -1, -1, -1, -1, 1, -1, -1);
  assert.equal(refused(f, 'one.vntemplate.instantiate', DEMO, t, 'demo-lan', '').code, 0x200);
  ok(f, 'one.acl.addrule', ADMIN, '200000001', '4400000000', '8', '400000000'); // @1 NET/* CREATE *
  const id = ok(f, 'one.vntemplate.instantiate', DEMO, t, 'demo-lan', '') as number;
  const n = doc(f, 'one.vn.info', DEMO, id);
  assert.equal(field(n, 'NAME'), 'demo-lan');
  assert.equal(field(n, 'UNAME'), 'demo');
  assert.deepEqual(idList(n, 'CLUSTERS'), [0]);
  assert.equal(field(n, 'TEMPLATE_ID'), String(t));
  assert.match(
    doc(f, 'one.vntemplate.info', ADMIN, t),
    /<VNTEMPLATE><ID>0<\/ID>.*<VN_MAD><!\[CDATA\[bridge\]\]>/,
  );
  ok(f, 'one.vntemplate.delete', ADMIN, t);
});

test('security groups: rule checks, clone, commit, delete rules', () => {
  const f = fixture({ vms: 10, speed: 1 });
  assert.equal(
    refused(
      f,
      'one.secgroup.allocate',
      DEMO,
      'NAME = "s"\nRULE = [ PROTOCOL = "FOO", RULE_TYPE = "inbound" ]',
    ).message,
    '[one.secgroup.allocate] Error allocating a new security group. Invalid PROTOCOL FOO in RULE',
  );
  const id = ok(
    f,
    'one.secgroup.allocate',
    DEMO,
    'NAME = "web"\nRULE = [ PROTOCOL = "TCP", RULE_TYPE = "inbound", RANGE = "80" ]',
  ) as number;
  const copy = ok(f, 'one.secgroup.clone', DEMO, id, 'web2') as number;
  assert.match(doc(f, 'one.secgroup.info', DEMO, copy), /<RANGE><!\[CDATA\[80\]\]><\/RANGE>/);
  assert.equal(
    refused(f, 'one.secgroup.clone', DEMO, id, 'web2').message,
    `[one.secgroup.clone] NAME is already taken by SECGROUP ${copy}.`,
  );
  const users = idList(doc(f, 'one.secgroup.info', ADMIN, 0), 'UPDATED_VMS');
  assert.ok(users.length > 0);
  ok(f, 'one.secgroup.commit', ADMIN, 0, false);
  const sg0 = doc(f, 'one.secgroup.info', ADMIN, 0);
  assert.deepEqual(idList(sg0, 'UPDATING_VMS'), users);
  assert.deepEqual(idList(sg0, 'UPDATED_VMS'), []);
  assert.equal(
    refused(f, 'one.secgroup.delete', ADMIN, 0).message,
    '[one.secgroup.delete] Cannot delete security group. The default security group (ID 0) cannot be deleted.',
  );
  assert.equal(
    refused(f, 'one.secgroup.update', DEMO, id, 'RULE = [ PROTOCOL = "TCP" ]', 0).message,
    '[one.secgroup.update] Cannot update template. No RULE_TYPE in RULE',
  );
  ok(f, 'one.secgroup.delete', DEMO, copy);
  f.sim.close();
});
