// Every document the simulator serves validates against oned's own schemas (reference/xsd), once
// the OpenNebula namespace is added to the root element as xsd/README.md explains: one object
// and the pool of every kind, the seeded cloud first, then objects made and changed through the
// API (snapshots, scheduled actions, backups, reservations, quotas, roles, routers, documents...).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { XmlRpcValue } from '../../src/one/codec.js';
import { startSimulator } from '../../src/oned-sim/main.js';
import { WILDS, wildTemplate } from '../../src/oned-sim/seed-wilds.js';
import { SHARED, SHARED_SKIP } from '../shared.js';
import { doc, ok } from './oned-sim-rpc.js';

const A = 'oneadmin:opennebula';
const ALL: XmlRpcValue[] = [-2, -1, -1];

type Case = readonly [string, string, ...XmlRpcValue[]];

/** [schema, method, ...params]: one object and one pool of every kind served. monitoring_data.xsd
 * describes VM records only; host records are checked inside one.host.info (host.xsd). */
const SEEDED: readonly Case[] = [
  ['vm.xsd', 'one.vm.info', 0],
  ['vm.xsd', 'one.vm.info', 5],
  ['vm_pool.xsd', 'one.vmpool.info', -2, -1, -1, -2],
  ['monitoring_data.xsd', 'one.vm.monitoring', 0],
  ['monitoring_data.xsd', 'one.vmpool.monitoring', -2, 0],
  ['acct.xsd', 'one.vmpool.accounting', -2, -1, -1],
  ['showback.xsd', 'one.vmpool.showback', -2, -1, -1, -1, -1],
  ['host.xsd', 'one.host.info', 0],
  ['host_pool.xsd', 'one.hostpool.info'],
  ['user.xsd', 'one.user.info', 2],
  ['user_pool.xsd', 'one.userpool.info'],
  ['group.xsd', 'one.group.info', 1],
  ['group_pool.xsd', 'one.grouppool.info'],
  ['image.xsd', 'one.image.info', 0],
  ['image.xsd', 'one.image.info', 3],
  ['image_pool.xsd', 'one.imagepool.info', ...ALL],
  ['vmtemplate.xsd', 'one.template.info', 0],
  ['vmtemplate_pool.xsd', 'one.templatepool.info', ...ALL],
  ['vnet.xsd', 'one.vn.info', 1],
  ['vnet_pool.xsd', 'one.vnpool.info', ...ALL],
  ['datastore.xsd', 'one.datastore.info', 1],
  ['datastore.xsd', 'one.datastore.info', 100],
  ['datastore_pool.xsd', 'one.datastorepool.info'],
  ['cluster.xsd', 'one.cluster.info', 0],
  ['cluster_pool.xsd', 'one.clusterpool.info'],
  ['zone.xsd', 'one.zone.info', 0],
  ['zone_pool.xsd', 'one.zonepool.info'],
  ['raftstatus.xsd', 'one.zone.raftstatus'],
  ['security_group.xsd', 'one.secgroup.info', 0],
  ['security_group_pool.xsd', 'one.secgrouppool.info', ...ALL],
  ['vdc.xsd', 'one.vdc.info', 0],
  ['vdc_pool.xsd', 'one.vdcpool.info'],
  ['marketplace.xsd', 'one.market.info', 0],
  ['marketplace_pool.xsd', 'one.marketpool.info'],
  ['marketplaceapp.xsd', 'one.marketapp.info', 0],
  ['marketplaceapp_pool.xsd', 'one.marketapppool.info', ...ALL],
  ['vm_group_pool.xsd', 'one.vmgrouppool.info', ...ALL],
  ['vntemplate_pool.xsd', 'one.vntemplatepool.info', ...ALL],
  ['vrouter_pool.xsd', 'one.vrouterpool.info', ...ALL],
  ['backupjob_pool.xsd', 'one.backupjobpool.info', ...ALL],
  ['document_pool.xsd', 'one.documentpool.info', ...ALL, 100],
  ['acl_pool.xsd', 'one.acl.info'],
  ['opennebula_configuration.xsd', 'one.system.config'],
];

function withNamespace(xml: string): string {
  return xml.replace(/^<([A-Z][A-Z_]*)([ >/])/, '<$1 xmlns="http://opennebula.org/XMLSchema"$2');
}

/** Validates every [schema, label, document]; the failures, as readable lines. */
function validate(t: TestContext, docs: ReadonlyArray<readonly [string, string, string]>): string[] {
  const probe = spawnSync('xmllint', ['--version']);
  assert.ok(
    !probe.error,
    'xmllint is missing: install it with `apt-get install libxml2-utils` (Debian) to run the schema tests',
  );
  const xsd = join(SHARED as string, 'reference', 'xsd');
  const dir = mkdtempSync(join(tmpdir(), 'oned-sim-xsd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const failures: string[] = [];
  docs.forEach(([schema, what, xml], i) => {
    const file = join(dir, `doc${i}.xml`);
    writeFileSync(file, withNamespace(xml));
    const r = spawnSync('xmllint', ['--noout', '--schema', join(xsd, schema), file], { encoding: 'utf8' });
    if (r.status !== 0) failures.push(`${what} against ${schema}: ${r.stderr.slice(0, 600)}`);
  });
  return failures;
}

test(
  'every kind served validates against oned 6.10.5 schemas (xmllint)',
  { skip: SHARED_SKIP },
  async (t) => {
    const sim = await startSimulator({ port: 0, vms: 80, seed: 5, speed: 0 });
    t.after(() => sim.close());
    const docs: Array<[string, string, string]> = [];
    for (const [schema, method, ...params] of SEEDED)
      docs.push([schema, `${method}(${params.join(',')})`, await doc(sim.url, method, A, ...params)]);
    // one.vmpool.infoextended holds full bodies: each VM validates against vm.xsd (xsd/README.md).
    const ext = await doc(sim.url, 'one.vmpool.infoextended', A, -2, -1, -1, -2);
    const vms = ext.match(/<VM><ID>.*?<\/BACKUPS><\/VM>/g) ?? [];
    assert.equal(vms.length, 80);
    vms.forEach((vm, i) => docs.push(['vm.xsd', `vmpool.infoextended VM #${i}`, vm]));
    assert.deepEqual(validate(t, docs), []);
  },
);

test(
  'documents of objects made and changed through the API validate too',
  { skip: SHARED_SKIP },
  async (t) => {
    const sim = await startSimulator({ port: 0, vms: 0, speed: 0 });
    t.after(() => sim.close());
    const call = (method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> =>
      ok(sim.url, method, A, ...params);
    const img = await call('one.image.allocate', 'NAME = "disk"\nTYPE = DATABLOCK\nSIZE = 1024', 1);
    const net = await call(
      'one.vn.allocate',
      'NAME = "lab"\nVN_MAD = "bridge"\nAR = [ TYPE = "IP4", IP = "10.1.0.1", SIZE = "10" ]\nAR = [ TYPE = "ETHER", SIZE = "4" ]',
      -1,
    );
    await call('one.vn.hold', net, 'LEASES = [ IP = "10.1.0.9" ]');
    const reservation = await call('one.vn.reserve', net, 'SIZE = 2\nNAME = "mine"');
    const tpl = await call(
      'one.template.allocate',
      `NAME = "t"\nCPU = 1\nMEMORY = 256\nDISK = [ IMAGE_ID = ${String(img)} ]\nNIC = [ NETWORK_ID = ${String(net)} ]\nDESCRIPTION = "x"`,
    );
    const vm = await call('one.template.instantiate', tpl, '', false, 'LABELS = "a,b"');
    await call('one.vm.snapshotcreate', vm, 'snap');
    await call(
      'one.vm.schedadd',
      vm,
      'SCHED_ACTION = [ ACTION = "poweroff", TIME = "+3600", REPEAT = "0", DAYS = "1,5" ]',
    );
    await call('one.vm.action', 'poweroff', vm);
    await call('one.vm.disksnapshotcreate', vm, 0, 'one');
    await call('one.vm.disksnapshotrevert', vm, 0, 0);
    await call('one.vm.disksnapshotcreate', vm, 0, 'two');
    await call('one.vm.attachnic', vm, 'NIC = [ NETWORK_ID = 0 ]');
    await call('one.vm.backup', vm, 100, false);
    const backupImg = Number(
      /<LAST_BACKUP_ID><!\[CDATA\[(\d+)\]\]>/.exec(await doc(sim.url, 'one.vm.info', A, vm))?.[1],
    );
    const restored = String(await call('one.image.restore', backupImg, 1, ''))
      .split(' ')
      .map(Number);
    const host = await call('one.host.allocate', 'new-host', 'kvm', 'kvm', -1);
    const user = await call('one.user.allocate', 'bob', 'secret', '', [1]);
    await call(
      'one.user.quota',
      user,
      'VM = [ CPU = 4 ]\nDATASTORE = [ ID = 1, SIZE = 1000 ]\nNETWORK = [ ID = 0, LEASES = 3 ]\nIMAGE = [ ID = 0, RVMS = 2 ]',
    );
    await call('one.group.addadmin', 1, user);
    const cluster = await call('one.cluster.allocate', 'edge');
    await call('one.cluster.addhost', cluster, host);
    const zone = await call('one.zone.allocate', 'NAME = "east"\nENDPOINT = "http://east:2633/RPC2"');
    const vdc = await call('one.vdc.allocate', 'NAME = "lab"');
    await call('one.vdc.addhost', vdc, 0, host);
    await call('one.vdc.addvnet', vdc, 0, net);
    // security_group.xsd knows only PROTOCOL and RULE_TYPE in a RULE (RANGE, ICMP_TYPE... are newer).
    const sg = await call(
      'one.secgroup.allocate',
      'NAME = "web"\nRULE = [ PROTOCOL = "TCP", RULE_TYPE = "inbound" ]',
    );
    const vnt = await call('one.vntemplate.allocate', 'NAME = "vnt"\nVN_MAD = "bridge"\nBRIDGE = "br9"');
    await call('one.vntemplate.lock', vnt, 1, false);
    const vmg = await call(
      'one.vmgroup.allocate',
      'NAME = "g"\nROLE = [ NAME = "web", POLICY = "AFFINED" ]\nROLE = [ NAME = "db" ]',
    );
    await call(
      'one.vm.allocate',
      `CPU = 0.1\nMEMORY = 32\nVMGROUP = [ VMGROUP_ID = ${String(vmg)}, ROLE = "web" ]`,
      false,
    );
    const vr = await call('one.vrouter.allocate', `NAME = "gw"\nNIC = [ NETWORK_ID = ${String(net)} ]`);
    await call('one.vrouter.instantiate', vr, 1, tpl, 'gw-%i', true, '');
    const market = await call(
      'one.market.allocate',
      'NAME = "m"\nMARKET_MAD = "http"\nBASE_URL = "http://x/"\nPUBLIC_DIR = "/var/tmp"',
    );
    const app = await call(
      'one.marketapp.allocate',
      `NAME = "app"\nORIGIN_ID = ${String(img)}\nTYPE = "IMAGE"`,
      market,
    );
    const job = await call(
      'one.backupjob.allocate',
      `NAME = "nightly"\nBACKUP_VMS = "${String(vm)}"\nDATASTORE_ID = 100\nKEEP_LAST = 3\nMODE = "FULL"`,
    );
    await call(
      'one.backupjob.schedadd',
      job,
      'SCHED_ACTION = [ TIME = "+3600", REPEAT = "3", DAYS = "24", END_TYPE = "0" ]',
    );
    // A seeded wild VM imported (IMPORTED in TEMPLATE) and the host that listed it.
    const wild = WILDS[0] as (typeof WILDS)[number];
    const imported = await call('one.vm.allocate', wildTemplate(wild), false);
    await call('one.vm.deploy', imported, wild.host, false, -1, '');
    const svcTemplate = await call('one.document.allocate', 'NAME = "svc"\nTEMPLATE_BODY = "{}"', 101);
    await call('one.document.lock', svcTemplate, 1, false);
    const cases: Array<[string, string, ...XmlRpcValue[]]> = [
      ['image.xsd', 'one.image.info', img],
      ['image.xsd', 'one.image.info', backupImg],
      ['image.xsd', 'one.image.info', restored[1] as number],
      ['vnet.xsd', 'one.vn.info', net],
      ['vnet.xsd', 'one.vn.info', reservation],
      ['vnet_pool.xsd', 'one.vnpool.info', ...ALL],
      ['vmtemplate.xsd', 'one.template.info', tpl],
      ['vmtemplate.xsd', 'one.template.info', restored[0] as number],
      ['vm.xsd', 'one.vm.info', vm],
      ['vm.xsd', 'one.vm.info', imported],
      ['host.xsd', 'one.host.info', wild.host],
      ['vm_pool.xsd', 'one.vmpool.info', -2, -1, -1, -2],
      ['host.xsd', 'one.host.info', host],
      ['user.xsd', 'one.user.info', user],
      ['user_pool.xsd', 'one.userpool.info'],
      ['group.xsd', 'one.group.info', 1],
      ['cluster.xsd', 'one.cluster.info', cluster],
      ['zone.xsd', 'one.zone.info', zone],
      ['vdc.xsd', 'one.vdc.info', vdc],
      ['security_group.xsd', 'one.secgroup.info', sg],
      ['vntemplate.xsd', 'one.vntemplate.info', vnt],
      ['vntemplate_pool.xsd', 'one.vntemplatepool.info', ...ALL],
      ['vm_group.xsd', 'one.vmgroup.info', vmg],
      ['vm_group_pool.xsd', 'one.vmgrouppool.info', ...ALL],
      ['vrouter.xsd', 'one.vrouter.info', vr],
      ['vrouter_pool.xsd', 'one.vrouterpool.info', ...ALL],
      ['marketplace.xsd', 'one.market.info', market],
      ['marketplaceapp.xsd', 'one.marketapp.info', app],
      ['backupjob.xsd', 'one.backupjob.info', job],
      ['backupjob_pool.xsd', 'one.backupjobpool.info', ...ALL],
      ['document.xsd', 'one.document.info', svcTemplate],
      ['document_pool.xsd', 'one.documentpool.info', ...ALL, 101],
      ['acl_pool.xsd', 'one.acl.info'],
      ['acct.xsd', 'one.vmpool.accounting', -2, -1, -1],
    ];
    const docs: Array<[string, string, string]> = [];
    for (const [schema, method, ...params] of cases)
      docs.push([schema, `${method}(${params.join(',')})`, await doc(sim.url, method, A, ...params)]);
    assert.deepEqual(validate(t, docs), []);
  },
);
