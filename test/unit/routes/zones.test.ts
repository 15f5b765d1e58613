// The ZONENAME switch (reference §2.1 step 4) with two simulators as two zones: the zone pool of the
// first lists the second's endpoint; after the switch every call of the session goes there.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { startSimulator, type Simulator } from '../../../src/oned-sim/main.js';
import type { SessionData } from '../../../src/session/store.js';
import { templateOf } from '../../../src/oned-sim/template.js';
import { buildTestApp, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { recordingStore } from '../../helpers/recording-store.js';

interface Zones {
  readonly ta: TestApp;
  readonly zone2: Simulator;
  readonly admin: LoggedIn;
  /** Every session the app wrote, last one last. */
  readonly written: SessionData[];
}

async function twoZones(t: TestContext): Promise<Zones> {
  const written: SessionData[] = [];
  const ta = await buildTestApp(t, { vms: 30, sessionStore: recordingStore(written) });
  // Same seed: the same users and serveradmin password, as a federation replicates them.
  const zone2 = await startSimulator({ port: 0, vms: 3, seed: 1, speed: 0 });
  t.after(() => zone2.close());
  // A federation replicates the zone pool: both oneds list both zones, zone 0 at the first one.
  for (const zones of [ta.sim.core.state.zones, zone2.core.state.zones]) {
    zones.get(0)?.template.set('ENDPOINT', ta.sim.url);
    zones.insert({
      id: 100,
      name: 'Zone2',
      state: 0,
      template: templateOf([
        ['ENDPOINT', zone2.url],
        ['ONEFLOW_ENDPOINT', 'http://flow.zone2.example:2474'],
      ]),
    });
    zones.insert({
      id: 101,
      name: 'Gone',
      state: 0,
      template: templateOf([['ENDPOINT', 'http://127.0.0.1:1/RPC2']]),
    });
  }
  const admin = await ta.login('oneadmin', 'opennebula');
  return { ta, zone2, admin, written };
}

async function vmCount(ta: TestApp, s: LoggedIn): Promise<number> {
  const res = await ta.app.inject({ url: '/vm', headers: s.headers });
  assert.equal(res.statusCode, 200, res.body);
  return ((res.json() as { VM_POOL: { VM: unknown[] | null } }).VM_POOL.VM ?? []).length;
}

test('GET /config with ZONENAME switches the session to that zone; calls then go to its oned', async (t) => {
  const { ta, zone2, admin, written } = await twoZones(t);
  const local = await vmCount(ta, admin);
  const remote = zone2.core.state.vms.list().filter((v) => v.state !== 6).length;
  assert.notEqual(local, remote, 'the two zones can be told apart');

  const sw = await ta.app.inject({ url: '/config', headers: { ...admin.headers, zonename: 'Zone2' } });
  assert.equal(sw.statusCode, 200, sw.body);
  assert.equal(await vmCount(ta, admin), remote, 'GET /vm now lists the VMs of Zone2');
  const stored = written.at(-1);
  assert.equal(stored?.zone_name, 'Zone2');
  assert.equal(stored?.zone_id, '100');
  assert.equal(stored?.active_zone_endpoint, zone2.url);
  assert.equal(stored?.zone_flow_url, 'http://flow.zone2.example:2474', "the zone's OneFlow, for the proxy");
  zone2.core.state.hosts.list()[0]?.template.set('KVM_MACHINES', 'zone2-machine');
  const infra = await ta.app.inject({ url: '/infrastructure', headers: admin.headers });
  assert.deepEqual(
    infra.json().kvm_info.set_kvm_machines,
    ['zone2-machine'],
    'serveradmin calls follow the zone',
  );
  const vm = zone2.core.state.vms.list()[0];
  assert.ok(vm);
  const one = await ta.app.inject({ url: `/vm/${vm.id}`, headers: admin.headers });
  assert.equal(one.json().VM.NAME, vm.name, 'GET /vm/:id reads Zone2');

  const other = await ta.login('oneadmin', 'opennebula');
  assert.equal(await vmCount(ta, other), local, 'another session stays in its zone');

  const back = await ta.app.inject({ url: '/config', headers: { ...admin.headers, zonename: 'OpenNebula' } });
  assert.equal(back.statusCode, 200, back.body);
  assert.equal(await vmCount(ta, admin), local, 'and back to the local zone');
  assert.equal(
    written.at(-1)?.zone_flow_url,
    ta.config.oneflow_server,
    'no ONEFLOW_ENDPOINT: :oneflow_server',
  );
});

test('unknown zone 404, zone not answering 410, as Sunstone; the session keeps its zone', async (t) => {
  const { ta, admin } = await twoZones(t);
  const before = await vmCount(ta, admin);
  const unknown = await ta.app.inject({ url: '/config', headers: { ...admin.headers, zonename: 'Nowhere' } });
  assert.equal(unknown.statusCode, 404);
  assert.deepEqual(unknown.json(), { error: { message: 'Zone Nowhere does not exist' } });

  const gone = await ta.app.inject({ url: '/config', headers: { ...admin.headers, zonename: 'Gone' } });
  assert.equal(gone.statusCode, 410);
  assert.match(gone.json().error.message, /^Zone Gone not available .*127\.0\.0\.1:1/);
  assert.equal(await vmCount(ta, admin), before);
});

test('the switch needs a session and the CSRF token first', async (t) => {
  const { ta, admin } = await twoZones(t);
  const noCsrf = await ta.app.inject({
    url: '/config',
    headers: { cookie: admin.cookie, zonename: 'Zone2' },
  });
  assert.equal(noCsrf.statusCode, 401);
  assert.equal(noCsrf.body, 'csrftoken');
  const noSession = await ta.app.inject({ url: '/config', headers: { zonename: 'Zone2' } });
  assert.equal(noSession.statusCode, 401);
  assert.notEqual(await vmCount(ta, admin), 3, 'nothing switched');
});
