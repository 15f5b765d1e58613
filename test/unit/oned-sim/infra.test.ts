// Hosts, clusters, datastores, zones and VDCs: creation, membership shown in both documents,
// renames, enable/disable and the delete rules, with oned's messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, DEMO, doc, field, idList, ok, refused } from './calls.js';
import { fixture } from './fixture.js';

test('cluster membership: hosts move, datastores and networks join several; both documents show it', () => {
  const f = fixture();
  const cid = ok(f, 'one.cluster.allocate', ADMIN, 'edge') as number;
  assert.equal(cid, 100);
  ok(f, 'one.cluster.addhost', ADMIN, cid, 0);
  assert.equal(field(doc(f, 'one.host.info', ADMIN, 0), 'CLUSTER_ID'), String(cid));
  assert.equal(field(doc(f, 'one.host.info', ADMIN, 0), 'CLUSTER'), 'edge');
  assert.deepEqual(idList(doc(f, 'one.cluster.info', ADMIN, cid), 'HOSTS'), [0]);
  assert.ok(!idList(doc(f, 'one.cluster.info', ADMIN, 0), 'HOSTS').includes(0));
  assert.equal(ok(f, 'one.cluster.addhost', ADMIN, cid, 0), cid); // again: no change
  ok(f, 'one.cluster.adddatastore', ADMIN, cid, 1);
  assert.deepEqual(idList(doc(f, 'one.datastore.info', ADMIN, 1), 'CLUSTERS'), [0, cid]);
  ok(f, 'one.cluster.addvnet', ADMIN, cid, 0);
  assert.deepEqual(idList(doc(f, 'one.cluster.info', ADMIN, cid), 'VNETS'), [0]);
  assert.deepEqual(refused(f, 'one.cluster.delete', ADMIN, cid), {
    message: `[one.cluster.delete] Cannot delete cluster. Cluster ${cid} is not empty, it contains 1 hosts.`,
    code: 0x800,
  });
  ok(f, 'one.cluster.delhost', ADMIN, cid, 0);
  assert.equal(field(doc(f, 'one.host.info', ADMIN, 0), 'CLUSTER_ID'), '0');
  ok(f, 'one.cluster.deldatastore', ADMIN, cid, 1);
  ok(f, 'one.cluster.deldatastore', ADMIN, cid, 1); // not a member: no change
  assert.deepEqual(idList(doc(f, 'one.datastore.info', ADMIN, 1), 'CLUSTERS'), [0]);
  ok(f, 'one.cluster.delvnet', ADMIN, cid, 0);
  ok(f, 'one.cluster.rename', ADMIN, cid, 'edge2');
  ok(f, 'one.cluster.update', ADMIN, cid, 'RESERVED_CPU = "100"', 1);
  assert.match(
    doc(f, 'one.cluster.info', ADMIN, cid),
    /<NAME>edge2<\/NAME>.*<RESERVED_CPU><!\[CDATA\[100\]\]>/,
  );
  ok(f, 'one.cluster.delete', ADMIN, cid);
  assert.equal(
    refused(f, 'one.cluster.delete', ADMIN, 0).message,
    '[one.cluster.delete] Cannot delete cluster. System Clusters (ID < 100) cannot be deleted.',
  );
  assert.equal(refused(f, 'one.cluster.addhost', DEMO, 0, 1).code, 0x200);
  assert.equal(
    refused(f, 'one.cluster.allocate', ADMIN, 'default').message,
    '[one.cluster.allocate] NAME is already taken by CLUSTER 0.',
  );
});

test('host rename (unique names), delete refused with VMs, status codes', () => {
  const f = fixture({ vms: 10 });
  const busy = f.sim.state.hosts.list().find((h) => h.vms.size > 0);
  assert.ok(busy);
  assert.deepEqual(refused(f, 'one.host.delete', ADMIN, busy.id), {
    message: '[one.host.delete] Cannot delete host. Can not remove a host with running VMs',
    code: 0x800,
  });
  const other = f.sim.state.hosts.list().find((h) => h.id !== busy.id) as { id: number; name: string };
  assert.equal(
    refused(f, 'one.host.rename', ADMIN, busy.id, other.name).message,
    `[one.host.rename] host cannot be renamed to ${other.name} because it collides with host ${other.id}`,
  );
  ok(f, 'one.host.rename', ADMIN, busy.id, 'renamed-node');
  assert.equal(field(doc(f, 'one.host.info', ADMIN, busy.id), 'NAME'), 'renamed-node');
  assert.equal(
    refused(f, 'one.host.status', ADMIN, busy.id, 7).message,
    '[one.host.status] Wrong status code',
  );
  ok(f, 'one.host.status', ADMIN, busy.id, 2);
  assert.equal(field(doc(f, 'one.host.info', ADMIN, busy.id), 'STATE'), '8');
  ok(f, 'one.host.status', ADMIN, busy.id, 0);
  assert.equal(field(doc(f, 'one.host.info', ADMIN, busy.id), 'STATE'), '2');
});

test('datastores: allocate checks, enable only for system datastores, delete only when empty', () => {
  const f = fixture();
  assert.equal(
    refused(f, 'one.datastore.allocate', ADMIN, 'NAME = "x"\nTYPE = "IMAGE_DS"\nTM_MAD = "ssh"', -1).message,
    '[one.datastore.allocate] Error allocating a new datastore. No DS_MAD in template.',
  );
  const id = ok(
    f,
    'one.datastore.allocate',
    ADMIN,
    'NAME = "ceph"\nDS_MAD = "ceph"\nTM_MAD = "ceph"',
    -1,
  ) as number;
  assert.equal(id, 101); // 100 is the seeded backup datastore
  const d = doc(f, 'one.datastore.info', ADMIN, id);
  assert.equal(field(d, 'DS_MAD'), 'ceph');
  assert.equal(field(d, 'TYPE'), '0');
  assert.deepEqual(idList(doc(f, 'one.cluster.info', ADMIN, 0), 'DATASTORES'), [0, 1, 2, 100, id]);
  assert.equal(
    refused(f, 'one.datastore.enable', ADMIN, id, false).message,
    '[one.datastore.enable] Only SYSTEM_DS can be disabled or enabled',
  );
  ok(f, 'one.datastore.enable', ADMIN, 0, false);
  assert.equal(field(doc(f, 'one.datastore.info', ADMIN, 0), 'STATE'), '1');
  assert.equal(
    refused(f, 'one.datastore.delete', ADMIN, 1).message,
    '[one.datastore.delete] Cannot delete datastore. Datastore 1 is not empty.',
  );
  ok(f, 'one.datastore.chmod', ADMIN, id, 1, 1, -1, 1, -1, -1, -1, -1, -1);
  assert.match(doc(f, 'one.datastore.info', ADMIN, id), /<GROUP_U>1<\/GROUP_U>/);
  ok(f, 'one.datastore.delete', ADMIN, id);
  assert.equal(refused(f, 'one.datastore.info', ADMIN, id).code, 0x400);
});

test('zones: allocate needs an ENDPOINT, the local zone stays; raft status', () => {
  const f = fixture();
  assert.equal(
    refused(f, 'one.zone.allocate', ADMIN, 'NAME = "z"').message,
    '[one.zone.allocate] Error allocating a new zone. No ENDPOINT in template.',
  );
  const id = ok(f, 'one.zone.allocate', ADMIN, 'NAME = "east"\nENDPOINT = "http://east:2633/RPC2"') as number;
  ok(f, 'one.zone.rename', ADMIN, id, 'east-1');
  ok(f, 'one.zone.update', ADMIN, id, 'ENDPOINT = "http://east1:2633/RPC2"', 0);
  assert.match(
    doc(f, 'one.zone.info', ADMIN, id),
    /<NAME>east-1<\/NAME><STATE>0<\/STATE><TEMPLATE><ENDPOINT><!\[CDATA\[http:\/\/east1/,
  );
  assert.equal(
    refused(f, 'one.zone.delete', ADMIN, 0).message,
    '[one.zone.delete] Cannot delete zone. System Zones (ID < 100) cannot be deleted.',
  );
  ok(f, 'one.zone.delete', ADMIN, id);
  assert.match(doc(f, 'one.zone.raftstatus', ADMIN), /^<RAFT><SERVER_ID>-1<\/SERVER_ID>/);
});

test('VDCs: groups and resources per zone, refusals for duplicates and absentees', () => {
  const f = fixture();
  const id = ok(f, 'one.vdc.allocate', ADMIN, 'NAME = "lab"') as number;
  ok(f, 'one.vdc.addgroup', ADMIN, id, 100);
  assert.equal(
    refused(f, 'one.vdc.addgroup', ADMIN, id, 100).message,
    `[one.vdc.addgroup] Group 100 is already in the VDC ${id}`,
  );
  ok(f, 'one.vdc.addhost', ADMIN, id, 0, 1);
  ok(f, 'one.vdc.addcluster', ADMIN, id, 0, -10);
  ok(f, 'one.vdc.adddatastore', ADMIN, id, 0, 1);
  ok(f, 'one.vdc.addvnet', ADMIN, id, 0, 0);
  const v = doc(f, 'one.vdc.info', ADMIN, id);
  assert.match(v, /<HOSTS><HOST><ZONE_ID>0<\/ZONE_ID><HOST_ID>1<\/HOST_ID><\/HOST><\/HOSTS>/);
  assert.match(
    v,
    /<CLUSTERS><CLUSTER><ZONE_ID>0<\/ZONE_ID><CLUSTER_ID>-10<\/CLUSTER_ID><\/CLUSTER><\/CLUSTERS>/,
  );
  ok(f, 'one.vdc.delhost', ADMIN, id, 0, 1);
  assert.equal(
    refused(f, 'one.vdc.delhost', ADMIN, id, 0, 1).message,
    `[one.vdc.delhost] Host 1 from zone 0 is not part of the VDC ${id}`,
  );
  assert.equal(refused(f, 'one.vdc.addhost', ADMIN, id, 0, 999).code, 0x400);
  assert.equal(
    refused(f, 'one.vdc.delete', ADMIN, 0).message,
    '[one.vdc.delete] Cannot delete VDC. System VDCs (ID < 100) cannot be deleted.',
  );
  ok(f, 'one.vdc.delete', ADMIN, id);
});
