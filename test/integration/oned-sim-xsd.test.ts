// Every document the simulator serves validates against oned's own schemas (reference/xsd), once
// the OpenNebula namespace is added to the root element as xsd/README.md explains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { XmlRpcValue } from '../../src/one/codec.js';
import { startSimulator } from '../../src/oned-sim/main.js';
import { SHARED, SHARED_SKIP } from '../shared.js';
import { doc, ok } from './oned-sim-rpc.js';

const A = 'oneadmin:opennebula';
const ALL: XmlRpcValue[] = [-2, -1, -1];

/** [schema, method, ...params]: one object and one pool of every kind served. */
const CASES: ReadonlyArray<readonly [string, string, ...XmlRpcValue[]]> = [
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
  ['image_pool.xsd', 'one.imagepool.info', ...ALL],
  ['vmtemplate.xsd', 'one.template.info', 0],
  ['vmtemplate_pool.xsd', 'one.templatepool.info', ...ALL],
  ['vnet.xsd', 'one.vn.info', 1],
  ['vnet_pool.xsd', 'one.vnpool.info', ...ALL],
  ['datastore.xsd', 'one.datastore.info', 1],
  ['datastore_pool.xsd', 'one.datastorepool.info'],
  ['cluster.xsd', 'one.cluster.info', 0],
  ['cluster_pool.xsd', 'one.clusterpool.info'],
  ['zone.xsd', 'one.zone.info', 0],
  ['zone_pool.xsd', 'one.zonepool.info'],
  ['security_group.xsd', 'one.secgroup.info', 0],
  ['security_group_pool.xsd', 'one.secgrouppool.info', ...ALL],
  ['vdc.xsd', 'one.vdc.info', 0],
  ['vdc_pool.xsd', 'one.vdcpool.info'],
  ['marketplace.xsd', 'one.market.info', 0],
  ['marketplace_pool.xsd', 'one.marketpool.info'],
  ['marketplaceapp_pool.xsd', 'one.marketapppool.info', ...ALL],
  ['vm_group_pool.xsd', 'one.vmgrouppool.info', ...ALL],
  ['vntemplate_pool.xsd', 'one.vntemplatepool.info', ...ALL],
  ['vrouter_pool.xsd', 'one.vrouterpool.info', ...ALL],
  ['backupjob_pool.xsd', 'one.backupjobpool.info', ...ALL],
  ['acl_pool.xsd', 'one.acl.info'],
  ['opennebula_configuration.xsd', 'one.system.config'],
];

function withNamespace(xml: string): string {
  return xml.replace(/^<([A-Z][A-Z_]*)([ >/])/, '<$1 xmlns="http://opennebula.org/XMLSchema"$2');
}

test(
  'every kind served validates against oned 6.10.5 schemas (xmllint)',
  { skip: SHARED_SKIP },
  async (t) => {
    const probe = spawnSync('xmllint', ['--version']);
    assert.ok(
      !probe.error,
      'xmllint is missing: install it with `apt-get install libxml2-utils` (Debian) to run the schema tests',
    );
    const xsd = join(SHARED as string, 'reference', 'xsd');
    const dir = mkdtempSync(join(tmpdir(), 'oned-sim-xsd-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const sim = await startSimulator({ port: 0, vms: 80, seed: 5, speed: 0 });
    t.after(() => sim.close());
    const docs: Array<[string, string, string]> = [];
    for (const [schema, method, ...params] of CASES)
      docs.push([schema, `${method}(${params.join(',')})`, await doc(sim.url, method, A, ...params)]);
    // one.vmpool.infoextended holds full bodies: each VM validates against vm.xsd (xsd/README.md).
    const ext = await doc(sim.url, 'one.vmpool.infoextended', A, -2, -1, -1, -2);
    const vms = ext.match(/<VM><ID>.*?<\/BACKUPS><\/VM>/g) ?? [];
    assert.equal(vms.length, 80);
    vms.forEach((vm, i) => docs.push(['vm.xsd', `vmpool.infoextended VM #${i}`, vm]));
    const failures: string[] = [];
    docs.forEach(([schema, what, xml], i) => {
      const file = join(dir, `doc${i}.xml`);
      writeFileSync(file, withNamespace(xml));
      const r = spawnSync('xmllint', ['--noout', '--schema', join(xsd, schema), file], { encoding: 'utf8' });
      if (r.status !== 0) failures.push(`${what} against ${schema}: ${r.stderr.slice(0, 600)}`);
    });
    assert.deepEqual(failures, []);
  },
);

test('documents of objects created through the API validate too', { skip: SHARED_SKIP }, async (t) => {
  const xsd = join(SHARED as string, 'reference', 'xsd');
  const dir = mkdtempSync(join(tmpdir(), 'oned-sim-xsd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const sim = await startSimulator({ port: 0, vms: 0, speed: 0 });
  t.after(() => sim.close());
  const img = await ok(sim.url, 'one.image.allocate', A, 'NAME = "disk"\nTYPE = DATABLOCK\nSIZE = 1024', 1);
  const net = await ok(
    sim.url,
    'one.vn.allocate',
    A,
    'NAME = "lab"\nVN_MAD = "bridge"\nAR = [ TYPE = "IP4", IP = "10.1.0.1", SIZE = "10" ]\nAR = [ TYPE = "ETHER", SIZE = "4" ]',
    -1,
  );
  const tpl = await ok(
    sim.url,
    'one.template.allocate',
    A,
    `NAME = "t"\nCPU = 1\nMEMORY = 256\nDISK = [ IMAGE_ID = ${String(img)} ]\nNIC = [ NETWORK_ID = ${String(net)} ]\nDESCRIPTION = "x"`,
  );
  const vm = await ok(sim.url, 'one.template.instantiate', A, tpl, '', false, 'LABELS = "a,b"');
  const host = await ok(sim.url, 'one.host.allocate', A, 'new-host', 'kvm', 'kvm', -1);
  const user = await ok(sim.url, 'one.user.allocate', A, 'bob', 'secret', '', [1]);
  const cases: Array<[string, string, XmlRpcValue]> = [
    ['image.xsd', 'one.image.info', img],
    ['vnet.xsd', 'one.vn.info', net],
    ['vmtemplate.xsd', 'one.template.info', tpl],
    ['vm.xsd', 'one.vm.info', vm],
    ['host.xsd', 'one.host.info', host],
    ['user.xsd', 'one.user.info', user],
  ];
  const failures: string[] = [];
  for (const [i, [schema, method, id]] of cases.entries()) {
    const file = join(dir, `api${i}.xml`);
    writeFileSync(file, withNamespace(await doc(sim.url, method, A, id)));
    const r = spawnSync('xmllint', ['--noout', '--schema', join(xsd, schema), file], { encoding: 'utf8' });
    if (r.status !== 0) failures.push(`${method} against ${schema}: ${r.stderr.slice(0, 600)}`);
  }
  assert.deepEqual(failures, []);
});
