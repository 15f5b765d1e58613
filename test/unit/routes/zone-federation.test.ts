// The zone fields a login writes (reference §5.3, §6.2 step 7), GET /:pool?zone_id in a federation
// (§3.5) and the ZONENAME switch on a CSRF-exempt path (§2.1 step 4), with two simulators as two
// zones as in zones.test.ts.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { startSimulator, type Simulator } from '../../../src/oned-sim/main.js';
import { templateOf } from '../../../src/oned-sim/template.js';
import type { SessionData } from '../../../src/session/store.js';
import { buildTestApp, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { recordingStore } from '../../helpers/recording-store.js';

interface Zones {
  readonly ta: TestApp;
  readonly zone2: Simulator;
  /** Every session the app wrote, last one last. */
  readonly written: SessionData[];
  /** When set, sessions read back say this FEDERATION/MODE (the simulator is always STANDALONE). */
  readonly mode: { value?: string };
}

async function twoZones(t: TestContext): Promise<Zones> {
  const written: SessionData[] = [];
  const mode: { value?: string } = {};
  const ta = await buildTestApp(t, {
    vms: 30,
    sessionStore: recordingStore(written, (data) =>
      mode.value === undefined ? data : { ...data, federation_mode: mode.value },
    ),
  });
  const zone2 = await startSimulator({ port: 0, vms: 3, seed: 1, speed: 0 });
  t.after(() => zone2.close());
  for (const zones of [ta.sim.core.state.zones, zone2.core.state.zones]) {
    zones.get(0)?.template.set('ENDPOINT', ta.sim.url);
    zones.insert({ id: 100, name: 'Zone2', state: 0, template: templateOf([['ENDPOINT', zone2.url]]) });
  }
  zone2.core.state.zones.get(0)?.template.set('ONEFLOW_ENDPOINT', 'http://flow.zone2.example:2474');
  return { ta, zone2, written, mode };
}

async function vmCount(ta: TestApp, s: LoggedIn, query = ''): Promise<number> {
  const res = await ta.app.inject({ url: `/vm${query}`, headers: s.headers });
  assert.equal(res.statusCode, 200, res.body);
  return ((res.json() as { VM_POOL: { VM: unknown[] | null } }).VM_POOL.VM ?? []).length;
}

function liveVms(sim: Simulator): number {
  return sim.core.state.vms.list().filter((v) => v.state !== 6).length;
}

test('a login stores the local zone: id_own_federation, zone_id, zone_name, federation_mode', async (t) => {
  const { ta, written } = await twoZones(t);
  await ta.login('oneadmin', 'opennebula');
  const s = written.at(-1);
  assert.equal(s?.id_own_federation, '0');
  assert.equal(s?.zone_id, '0');
  assert.equal(s?.zone_name, 'OpenNebula');
  assert.equal(s?.federation_mode, 'STANDALONE');
  assert.equal(s?.zone_flow_url, ta.config.oneflow_server);
  assert.equal(s?.active_zone_endpoint, undefined, 'no DEFAULT_ZONE_ENDPOINT: the configured oned');
});

test("a user's SUNSTONE/DEFAULT_ZONE_ENDPOINT is the session's zone from the login on", async (t) => {
  const { ta, zone2, written } = await twoZones(t);
  for (const sim of [ta.sim, zone2]) {
    const user = sim.core.state.users.find((u) => u.name === 'oneadmin');
    user?.template.setVector('SUNSTONE', new Map([['DEFAULT_ZONE_ENDPOINT', zone2.url]]));
  }
  const admin = await ta.login('oneadmin', 'opennebula');
  const s = written.at(-1);
  assert.equal(s?.active_zone_endpoint, zone2.url);
  assert.equal(s?.zone_flow_url, 'http://flow.zone2.example:2474', "that zone's OneFlow");
  assert.equal(await vmCount(ta, admin), liveVms(zone2), 'GET /vm lists the default zone');
});

test('a zone that cannot be read fails the login with 500 and the message, no session', async (t) => {
  const { ta } = await twoZones(t);
  const user = ta.sim.core.state.users.find((u) => u.name === 'oneadmin');
  user?.template.setVector('SUNSTONE', new Map([['DEFAULT_ZONE_ENDPOINT', 'http://127.0.0.1:1/RPC2']]));
  const res = await ta.app.inject({
    method: 'POST',
    url: '/login',
    headers: { authorization: `Basic ${Buffer.from('oneadmin:opennebula').toString('base64')}` },
  });
  assert.equal(res.statusCode, 500);
  assert.match(res.json().error.message, /127\.0\.0\.1:1/);
  assert.equal(res.headers['set-cookie'], undefined);
});

test('GET /:pool?zone_id lists that zone only in a federation (not STANDALONE)', async (t) => {
  const { ta, zone2, mode } = await twoZones(t);
  const admin = await ta.login('oneadmin', 'opennebula');
  const local = await vmCount(ta, admin);
  assert.notEqual(local, liveVms(zone2), 'the two zones can be told apart');
  assert.equal(await vmCount(ta, admin, '?zone_id=100'), local, 'STANDALONE: zone_id is ignored');

  mode.value = 'MASTER';
  assert.equal(await vmCount(ta, admin, '?zone_id=100'), liveVms(zone2), 'MASTER: Zone2 is listed');
  assert.equal(await vmCount(ta, admin), local, 'the session itself stays in its zone');
  const unknown = await ta.app.inject({ url: '/vm?zone_id=999', headers: admin.headers });
  assert.equal(unknown.statusCode, 500);
  assert.match(unknown.json().error.message, /\[one\.zone\.info\].*999/);
  const bad = await ta.app.inject({ url: '/vm?zone_id=abc', headers: admin.headers });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /zone_id/);
});

test('ZONENAME switches the zone on a CSRF-exempt path too (GET /)', async (t) => {
  const { ta, zone2, written } = await twoZones(t);
  const admin = await ta.login('oneadmin', 'opennebula');
  const page = await ta.app.inject({ url: '/', headers: { cookie: admin.cookie, zonename: 'Zone2' } });
  assert.notEqual(page.statusCode, 404, page.body);
  assert.equal(written.at(-1)?.zone_name, 'Zone2');
  assert.equal(await vmCount(ta, admin), liveVms(zone2));
  const unknown = await ta.app.inject({ url: '/', headers: { cookie: admin.cookie, zonename: 'Nowhere' } });
  assert.equal(unknown.statusCode, 404);
  const anonymous = await ta.app.inject({ url: '/', headers: { zonename: 'Zone2' } });
  assert.equal(anonymous.statusCode, 200, 'no session: the login page, no switch');
});
