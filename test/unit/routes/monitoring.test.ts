// Monitoring, usage and accounting routes (reference §3.4) and GET /infrastructure (§3.3), against
// the real simulator: shapes, who sees what, and the answers for kinds that are not monitored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { infrastructureOf } from '../../../src/routes/infrastructure.js';
import { buildTestApp } from '../../helpers/app.js';

type Json = string | null | Json[] | { [k: string]: Json };

test('GET /vm/monitor: the last record of every visible VM, plus "resource"; host works too', async (t) => {
  const { app, sim, login } = await buildTestApp(t, { vms: 20 });
  const admin = await login('oneadmin', 'opennebula');
  const res = await app.inject({ url: '/vm/monitor', headers: admin.headers });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { MONITORING_DATA: { MONITORING: Json[] | Json }; resource: string };
  assert.equal(body.resource, 'vm');
  const records = ([] as Json[]).concat(body.MONITORING_DATA.MONITORING);
  const ids = records.map((r) => (r as { ID: string }).ID);
  assert.equal(new Set(ids).size, ids.length, 'one (the last) record per VM');
  const monitored = sim.core.state.vms.list().filter((v) => v.lastPoll > 0).length;
  assert.equal(records.length, monitored);
  assert.ok(!res.body.includes('\n'), 'compact, as to_json');

  const demo = await login('demo', 'demo');
  const mine = (await app.inject({ url: '/vm/monitor', headers: demo.headers })).json() as {
    MONITORING_DATA: { MONITORING?: Json[] | Json };
  };
  assert.ok(([] as Json[]).concat(mine.MONITORING_DATA.MONITORING ?? []).length < records.length);

  const hosts = await app.inject({ url: '/host/monitor', headers: admin.headers });
  assert.equal(hosts.statusCode, 200, hosts.body);
  assert.equal(hosts.json().resource, 'host');
  assert.ok(hosts.json().MONITORING_DATA.MONITORING, 'host records');

  const image = await app.inject({ url: '/image/monitor', headers: admin.headers });
  assert.equal(image.statusCode, 200, "Sunstone's 200 for other kinds");
  assert.deepEqual(image.json(), { error: { message: 'Monitoring not supported for image' } });
});

test("GET /:resource/:id/monitor: one object's series per meter; 403 for other kinds; 400 without meters", async (t) => {
  const { app, sim, login } = await buildTestApp(t, { vms: 10 });
  const admin = await login('oneadmin', 'opennebula');
  const vm = sim.core.state.vms.list().find((v) => v.lastPoll > 0 && v.state === 3);
  assert.ok(vm, 'a running VM');
  const res = await app.inject({
    url: `/vm/${vm.id}/monitor?monitor_resources=CPU,MEMORY,NOPE`,
    headers: admin.headers,
  });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { resource: string; id: string; monitoring: Record<string, [string, string][]> };
  assert.equal(body.resource, 'vm');
  assert.equal(body.id, String(vm.id));
  assert.ok((body.monitoring.CPU ?? []).length > 0);
  assert.equal(body.monitoring.CPU?.length, body.monitoring.MEMORY?.length);
  for (const [ts, v] of body.monitoring.CPU ?? []) {
    assert.match(ts, /^\d+$/);
    assert.equal(typeof v, 'string');
  }
  assert.deepEqual(body.monitoring.NOPE, [], 'a meter no record has is an empty series');

  const host = await app.inject({
    url: '/host/0/monitor?monitor_resources=CAPACITY/USED_CPU',
    headers: admin.headers,
  });
  assert.equal(host.statusCode, 200, host.body);
  assert.ok((host.json().monitoring['CAPACITY/USED_CPU'] as unknown[]).length > 0);

  const other = await app.inject({ url: '/image/0/monitor?monitor_resources=SIZE', headers: admin.headers });
  assert.equal(other.statusCode, 403);
  assert.equal(other.json().error.message, 'Monitoring not supported for image');
  const noMeters = await app.inject({ url: `/vm/${vm.id}/monitor`, headers: admin.headers });
  assert.equal(noMeters.statusCode, 400);
  assert.match(noMeters.json().error.message, /monitor_resources/);
  const missing = await app.inject({
    url: '/vm/99999/monitor?monitor_resources=CPU',
    headers: admin.headers,
  });
  assert.equal(missing.statusCode, 500);
  assert.match(missing.json().error.message, /\[one\.vm\.monitoring\]/);
});

test("GET /user/:id/monitor sums that user's VMs and /group/:id/monitor that group's (issue #4: not group 0)", async (t) => {
  const { app, sim, login } = await buildTestApp(t, { vms: 30 });
  const admin = await login('oneadmin', 'opennebula');
  const now = Math.floor(Date.now() / 1000);
  const q = `start=${now - 30 * 86400}&end=${now}&interval=86400&monitor_resources=TEMPLATE/CPU,TEMPLATE/MEMORY`;
  const vms = sim.core.state.vms.list().filter((v) => v.history.length > 0);
  const owners = [...new Set(vms.map((v) => v.uid))];
  const nonAdmin = owners.find((u) => u !== 0);
  assert.ok(nonAdmin !== undefined, 'VMs of a user other than oneadmin');
  const series = async (url: string): Promise<Record<string, [number, number][]>> => {
    const res = await app.inject({ url, headers: admin.headers });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { monitoring: Record<string, [number, number][]> }).monitoring;
  };
  const user = await series(`/user/${nonAdmin}/monitor?${q}`);
  const peak = Math.max(0, ...(user['TEMPLATE/MEMORY'] ?? []).map(([, v]) => v));
  const ownMemory = vms.filter((v) => v.uid === nonAdmin).reduce((s, v) => s + v.memory, 0);
  assert.ok(peak > 0, 'the user has usage');
  assert.ok(peak <= ownMemory, `never more than the user's own VMs (${peak} <= ${ownMemory})`);

  const gid = vms.find((v) => v.gid !== 0)?.gid;
  assert.ok(gid !== undefined);
  const group = await series(`/group/${gid}/monitor?${q}`);
  const groupPeak = Math.max(0, ...(group['TEMPLATE/MEMORY'] ?? []).map(([, v]) => v));
  const groupMemory = vms.filter((v) => v.gid === gid).reduce((s, v) => s + v.memory, 0);
  assert.ok(groupPeak > 0 && groupPeak <= groupMemory);
  const zero = await series(`/group/0/monitor?${q}`);
  assert.notDeepEqual(group, zero, "a group other than 0 is not oneadmin's group (Ruby's bug)");
  for (const [t0] of user['TEMPLATE/CPU'] ?? []) assert.equal(typeof t0, 'number');

  const endless = await app.inject({
    url: `/user/0/monitor?start=1&end=100&interval=0&monitor_resources=CPU`,
    headers: admin.headers,
  });
  assert.equal(endless.statusCode, 400, 'interval 0 (an endless loop in Ruby) is refused');
});

test('GET /vm/accounting and /vm/showback: OCA hashes, always lists, {} when empty, group filter', async (t) => {
  const { app, login } = await buildTestApp(t, { vms: 20 });
  const admin = await login('oneadmin', 'opennebula');
  const acct = await app.inject({ url: '/vm/accounting', headers: admin.headers });
  assert.equal(acct.statusCode, 200, acct.body);
  const records = (acct.json() as { HISTORY_RECORDS: { HISTORY: { VM: { GID: string } }[] } }).HISTORY_RECORDS
    .HISTORY;
  assert.ok(Array.isArray(records) && records.length > 0);
  const gid = records.find((r) => r.VM.GID !== '0')?.VM.GID ?? '0';
  const one = await app.inject({ url: `/vm/accounting?group=${gid}`, headers: admin.headers });
  const kept = (one.json() as { HISTORY_RECORDS: { HISTORY: { VM: { GID: string } }[] } }).HISTORY_RECORDS
    .HISTORY;
  assert.ok(kept.length > 0 && kept.every((r) => r.VM.GID === gid));
  const none = await app.inject({ url: '/vm/accounting?group=4242', headers: admin.headers });
  assert.deepEqual(none.json(), {});
  const past = await app.inject({ url: '/vm/accounting?start_time=0&end_time=1', headers: admin.headers });
  assert.deepEqual(past.json(), {}, 'no records in the window');
  const bad = await app.inject({ url: '/vm/accounting?userfilter=me', headers: admin.headers });
  assert.equal(bad.statusCode, 400);

  const showback = await app.inject({ url: '/vm/showback', headers: admin.headers });
  assert.equal(showback.statusCode, 200, showback.body);
  type Sb = { SHOWBACK_RECORDS: { SHOWBACK: { GID: string; YEAR: string; MONTH: string; HOURS: string }[] } };
  const sb = (showback.json() as Sb).SHOWBACK_RECORDS.SHOWBACK;
  assert.ok(Array.isArray(sb) && sb.length > 0, 'a record per VM and month it ran');
  const sbGid = sb.find((r) => r.GID !== '0')?.GID ?? '0';
  const sbGroup = (
    await app.inject({ url: `/vm/showback?group=${sbGid}`, headers: admin.headers })
  ).json() as Sb;
  assert.ok(sbGroup.SHOWBACK_RECORDS.SHOWBACK.every((r) => r.GID === sbGid));
  const old = await app.inject({
    url: '/vm/showback?start_month=1&start_year=2001&end_month=12&end_year=2001',
    headers: admin.headers,
  });
  assert.deepEqual(old.json(), {}, 'no months in range: {}');
});

test('GET /infrastructure: de-duplicated sets from every host, read as serveradmin', async (t) => {
  const { app, sim, login } = await buildTestApp(t, { vms: 10 });
  const hosts = sim.core.state.hosts.list();
  assert.ok(hosts.length >= 2);
  hosts[0]?.template.set('KVM_CPU_MODELS', 'host-passthrough  qemu64 Skylake');
  hosts[1]?.template.set('KVM_CPU_MODELS', 'qemu64 Haswell');
  hosts[0]?.template.set('KVM_MACHINES', 'pc q35');
  hosts[1]?.template.set('LXD_PROFILES', 'default web');
  const demo = await login('demo', 'demo');
  const res = await app.inject({ url: '/infrastructure', headers: demo.headers });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as {
    pci_devices: unknown[];
    vcenter_customizations: unknown[];
    kvm_info: { set_cpu_models: string[]; set_kvm_machines: string[] };
    lxd_profiles: string[];
  };
  assert.deepEqual(Object.keys(body), ['pci_devices', 'vcenter_customizations', 'kvm_info', 'lxd_profiles']);
  assert.deepEqual(body.pci_devices, []);
  assert.deepEqual(body.vcenter_customizations, []);
  // Hosts come in oned's pool order; each word once.
  assert.deepEqual([...body.kvm_info.set_cpu_models].sort(), [
    'Haswell',
    'Skylake',
    'host-passthrough',
    'qemu64',
  ]);
  assert.deepEqual(body.kvm_info.set_kvm_machines, ['pc', 'q35']);
  assert.deepEqual(body.lxd_profiles, ['default', 'web']);
});

test('infrastructureOf: PCI devices and customizations de-duplicated by value, in first-seen order', () => {
  const pci = (device: string) => ({
    DEVICE: device,
    CLASS: '0300',
    VENDOR: '10de',
    DEVICE_NAME: `GPU ${device}`,
  });
  const pool = {
    HOST_POOL: {
      HOST: [
        {
          HOST_SHARE: { PCI_DEVICES: { PCI: [pci('1b80'), pci('1b81')] } },
          TEMPLATE: { CUSTOMIZATION: { NAME: 'linux' } },
        },
        {
          HOST_SHARE: { PCI_DEVICES: { PCI: pci('1b80') } },
          TEMPLATE: { CUSTOMIZATION: [{ NAME: 'win' }, { NAME: 'linux' }] },
        },
      ],
    },
  };
  const infra = infrastructureOf(pool);
  assert.deepEqual(
    infra.pci_devices.map((d) => d.device),
    ['1b80', '1b81'],
  );
  assert.deepEqual(infra.pci_devices[0], {
    device: '1b80',
    class: '0300',
    vendor: '10de',
    device_name: 'GPU 1b80',
  });
  assert.deepEqual(infra.vcenter_customizations, ['linux', 'win']);
  assert.deepEqual(infrastructureOf({ HOST_POOL: {} }).pci_devices, []);
});
