// host import_wild (§4.6, issue #4): a wild VM the simulator seeds on a host becomes a RUNNING VM
// there and leaves the host's wild list; Sunstone's own refusals (no such name, several, vCenter),
// oned's refusals (a second import of the same guest, a user who may not create VMs) and bad
// parameters. Not in the generic runner's table: it needs seeded wilds and several refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { WILDS, wildEntry, type WildSeed } from '../../../src/oned-sim/seed-wilds.js';
import type { Vector } from '../../../src/oned-sim/template.js';
import { contract, errorMessage, onedCalls, type Contract, type Json, type JsonObject } from './harness.js';

function list(v: Json | undefined): Json[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The VM_NAMEs of the host's TEMPLATE/VM entries. */
async function wildNames(c: Contract, hostId: number): Promise<string[]> {
  const host = await c.show('host', hostId);
  return list((host.TEMPLATE as JsonObject).VM).map((w) => String((w as JsonObject).VM_NAME));
}

function seeded(name: string): WildSeed {
  const w = WILDS.find((x) => x.name === name);
  assert.ok(w, name);
  return w;
}

/** Template text setting the host's wild list to these entries (update append replaces every VM). */
function wildList(entries: readonly Vector[]): string {
  return entries.map((v) => `VM=[${[...v].map(([k, x]) => `${k}="${x}"`).join(',')}]`).join('\n');
}

async function setWilds(c: Contract, hostId: number, entries: readonly Vector[]): Promise<void> {
  const res = await c.act(c.admin, 'host', hostId, 'update', {
    template_raw: wildList(entries),
    append: true,
  });
  assert.equal(res.statusCode, 204, res.body);
}

function importWild(c: Contract, hostId: number, params?: unknown): Promise<LightMyRequestResponse> {
  return c.act(c.admin, 'host', hostId, 'import_wild', params);
}

/** The answer, and the oned methods called while it was made. */
async function traced(
  fn: () => Promise<LightMyRequestResponse>,
): Promise<[LightMyRequestResponse, string[]]> {
  let res: LightMyRequestResponse | undefined;
  const calls = await onedCalls(async () => {
    res = await fn();
  });
  assert.ok(res);
  return [res, calls];
}

test('host import_wild: the wild VM becomes a VM RUNNING on that host and is no longer wild', async (t) => {
  const c = await contract(t);
  const wild = seeded('legacy-db');
  assert.deepEqual(await wildNames(c, wild.host), ['legacy-db', 'legacy-web']);

  const res = await importWild(c, wild.host, { name: 'legacy-db' });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  const body = res.json() as JsonObject;
  assert.deepEqual(Object.keys(body), ['VM']);
  const id = String((body.VM as JsonObject).ID);
  assert.match(id, /^\d+$/);
  assert.equal(res.body, JSON.stringify(body, null, 2), 'pretty, as the other {"X":{"ID":"n"}} answers');

  const vm = await c.show('vm', Number(id));
  assert.equal(vm.NAME, 'legacy-db');
  assert.deepEqual([vm.STATE, vm.LCM_STATE], ['3', '3'], 'ACTIVE/RUNNING at once');
  assert.equal(vm.DEPLOY_ID, wild.uuid);
  assert.equal((vm.TEMPLATE as JsonObject).IMPORTED, 'YES');
  assert.equal((vm.TEMPLATE as JsonObject).MEMORY, String(wild.memory));
  const history = list((vm.HISTORY_RECORDS as JsonObject).HISTORY) as JsonObject[];
  assert.equal(history.length, 1);
  assert.equal(history[0]?.HID, String(wild.host));

  assert.deepEqual(await wildNames(c, wild.host), ['legacy-web']);
  const host = await c.show('host', wild.host);
  assert.ok(list((host.VMS as JsonObject).ID).includes(id), 'the host lists the VM');
});

test('host import_wild: Sunstone refuses a name no importable wild has, or several have', async (t) => {
  const c = await contract(t);
  // build-agent is wild on host 1, not host 0.
  for (const [hostId, name] of [
    [0, 'nope'],
    [0, 'build-agent'],
  ] as const) {
    const [res, calls] = await traced(() => importWild(c, hostId, { name }));
    assert.equal(res.statusCode, 500, res.body);
    assert.equal(errorMessage(res), `No importable wilds with name '${name}' found.`);
    assert.deepEqual(calls, ['one.host.info']);
  }

  const agent = wildEntry(seeded('build-agent'));
  const twin = (deployId: string): Vector =>
    new Map([...agent, ['DEPLOY_ID', deployId], ['UUID', deployId], ['VM_NAME', 'twin']]);
  // Listed without an IMPORT_TEMPLATE: shown by onehost, but nothing to import.
  const bare: Vector = new Map([
    ['DEPLOY_ID', 'listed-only'],
    ['VM_NAME', 'listed-only'],
  ]);
  await setWilds(c, 1, [twin('twin-a'), twin('twin-b'), bare]);
  const [res, calls] = await traced(() => importWild(c, 1, { name: 'twin' }));
  assert.equal(res.statusCode, 500, res.body);
  assert.equal(errorMessage(res), "More than one importable wild with name 'twin' found.");
  assert.deepEqual(calls, ['one.host.info']);
  const bareRes = await importWild(c, 1, { name: 'listed-only' });
  assert.equal(bareRes.statusCode, 500, bareRes.body);
  assert.equal(errorMessage(bareRes), "No importable wilds with name 'listed-only' found.");
});

test('host import_wild: a vCenter wild is refused before oned hears of it', async (t) => {
  const c = await contract(t);
  const entry = new Map([...wildEntry(seeded('legacy-web')), ['VCENTER_TEMPLATE', 'YES']]);
  await setWilds(c, 2, [entry]);
  const [res, calls] = await traced(() => importWild(c, 2, { name: 'legacy-web' }));
  assert.equal(res.statusCode, 500, res.body);
  const message = errorMessage(res);
  assert.match(message, /^Wild VM 'legacy-web' of host 2 is a vCenter VM/);
  assert.match(message, /not supported by sunstone-server/);
  assert.deepEqual(calls, ['one.host.info'], 'nothing allocated');
  assert.deepEqual(await wildNames(c, 2), ['legacy-web']);
});

test('host import_wild: oned refuses a guest imported already, and a user who may not create VMs', async (t) => {
  const c = await contract(t);
  const db = seeded('legacy-db');
  assert.equal((await importWild(c, db.host, { name: 'legacy-db' })).statusCode, 201);
  // As if monitoring still listed it: oned knows the guest and refuses a second VM for it.
  await setWilds(c, db.host, [wildEntry(db), wildEntry(seeded('legacy-web'))]);
  let res = await importWild(c, db.host, { name: 'legacy-db' });
  assert.equal(res.statusCode, 500, res.body);
  const message = errorMessage(res);
  assert.ok(message.startsWith('[one.vm.allocate] '), message);
  assert.match(message, new RegExp(`${db.uuid} already imported`));

  // demo's group loses its CREATE rule (ACL 0): demo still manages hosts, but may not create the VM.
  assert.equal((await c.as(c.admin, 'DELETE', '/acl/0')).statusCode, 204);
  res = await c.act(c.demo, 'host', db.host, 'import_wild', { name: 'legacy-web' });
  assert.equal(res.statusCode, 500, res.body);
  assert.equal(errorMessage(res), '[one.vm.allocate] User [2] : Not authorized to perform CREATE VM.');
  assert.deepEqual(await wildNames(c, db.host), ['legacy-db', 'legacy-web'], 'still wild');
});

test('host import_wild: a missing or empty name is a 400 naming it, before anything is allocated', async (t) => {
  const c = await contract(t);
  let [res, calls] = await traced(() => importWild(c, 0));
  assert.equal(res.statusCode, 400, res.body);
  assert.match(errorMessage(res), /^Parameter "name" of action import_wild is missing/);
  assert.deepEqual(calls, [], 'checked before oned is called');

  for (const name of ['', '  ']) {
    [res, calls] = await traced(() => importWild(c, 0, { name }));
    assert.equal(res.statusCode, 400, res.body);
    assert.match(errorMessage(res), /^Parameter "name" of action import_wild is empty/);
    assert.ok(!calls.includes('one.vm.allocate'), calls.join());
  }
  assert.deepEqual(await wildNames(c, 0), ['legacy-db', 'legacy-web']);
});
