// marketplaceapp vm.import / vm-template.import / service_template.import and POST
// /marketplaceapp/:type/create (§3.7, §4.6): success and refusal of each. Their answer is always 201
// with the result pair ([0,[ids]] or ["<message>",[ids]]), so they are not in the generic runner's
// table (which expects oned's refusals as 500).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeResponse, encodeCall, type XmlRpcValue } from '../../../src/one/codec.js';
import { settle } from './action-runner.js';
import { contract, type Contract, type JsonObject } from './harness.js';

/** One oned call straight to the simulator as oneadmin (documents have no Sunstone route). */
async function oned(c: Contract, method: string, params: XmlRpcValue[]): Promise<XmlRpcValue> {
  const res = await fetch(c.sim.url, {
    method: 'POST',
    body: encodeCall(method, ['oneadmin:opennebula', ...params]),
  });
  const r = decodeResponse(Buffer.from(await res.arrayBuffer()));
  assert.ok(!r.fault, `${method}: a fault`);
  const out = r.value as XmlRpcValue[];
  assert.equal(out[0], true, `${method}: ${String(out[1])}`);
  return out[1] as XmlRpcValue;
}

interface Setup {
  readonly market: number;
  readonly app: number;
  readonly image: number;
  readonly template: number;
  readonly service: number;
}

async function setup(c: Contract): Promise<Setup> {
  const market = await c.create('marketplace');
  const app = await c.create('marketplaceapp');
  const image = await c.create('image');
  await settle(async () => (await c.show('image', image)).STATE === '1', `image ${image} READY`);
  const template = await c.create('vmtemplate', {
    vmtemplate: {
      NAME: `imp-tmpl-${image}`,
      CPU: '0.1',
      MEMORY: '64',
      DISK: { IMAGE_ID: String(image), TARGET: 'vda' },
    },
  });
  const body = JSON.stringify({
    name: 'svc',
    deployment: 'straight',
    roles: [{ name: 'web', cardinality: 1, vm_template: template }],
  });
  const service = Number(
    await oned(c, 'one.document.allocate', [
      `NAME="imp-svc-${image}"\nBODY="${body.replace(/"/g, '\\"')}"`,
      101,
    ]),
  );
  return { market, app, image, template, service };
}

function pair(res: {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}): [unknown, number[]] {
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  return JSON.parse(res.body) as [unknown, number[]];
}

async function appOf(c: Contract, id: number): Promise<JsonObject> {
  return c.show('marketplaceapp', id);
}

function decode(app: JsonObject): string {
  return Buffer.from(String(app.APPTEMPLATE64), 'base64').toString('utf8');
}

test('marketplace imports: VM templates and service templates, success and refusal', async (t) => {
  const c = await contract(t);
  const s = await setup(c);
  const params = (origin: number, extra: JsonObject = {}): JsonObject => ({
    ORIGIN_ID: String(origin),
    MARKETPLACE_ID: String(s.market),
    IMPORT_ALL: true,
    ...extra,
  });

  for (const perform of ['vm.import', 'vm-template.import']) {
    await t.test(`${perform}: success (an IMAGE app per disk, then the VMTEMPLATE app on them)`, async () => {
      const name = `imported-${perform}`;
      const [rc, ids] = pair(
        await c.act(c.admin, 'marketplaceapp', s.app, perform, params(s.template, { NAME: name })),
      );
      assert.equal(rc, 0);
      assert.equal(ids.length, 2);
      const disk = await appOf(c, ids[0] as number);
      assert.equal(disk.TYPE, '1');
      assert.equal(disk.ORIGIN_ID, String(s.image));
      const vmt = await appOf(c, ids[1] as number);
      assert.equal(vmt.TYPE, '2');
      assert.equal(vmt.NAME, name);
      assert.equal(vmt.STATE, '1', 'a template app is READY at once');
      const text = decode(vmt);
      assert.match(text, new RegExp(`APP="${String(disk.NAME)}"`));
      assert.match(text, /TARGET="vda"/);
      assert.doesNotMatch(text, /IMAGE_ID/);
    });
    await t.test(
      `${perform}: refusal (a template oned cannot find: its message in the 201 pair, as Sunstone)`,
      async () => {
        const [rc, ids] = pair(await c.act(c.admin, 'marketplaceapp', s.app, perform, params(999999)));
        assert.match(String(rc), /^\[one\.template\.info\] .*999999/);
        assert.deepEqual(ids, []);
      },
    );
  }

  await t.test(
    'service_template.import: success (role templates first, then the SERVICE_TEMPLATE app)',
    async () => {
      const [rc, ids] = pair(
        await c.act(
          c.admin,
          'marketplaceapp',
          s.app,
          'service_template.import',
          params(s.service, { NAME: 'svc-app' }),
        ),
      );
      assert.equal(rc, 0);
      assert.equal(ids.length, 3, 'image app, VM template app, service app');
      const svc = await appOf(c, ids[2] as number);
      assert.equal(svc.TYPE, '3');
      assert.match(decode(svc), /"roles"/);
      const role = (svc.TEMPLATE as JsonObject).ROLE as JsonObject;
      assert.deepEqual(role, { NAME: 'web', APP: 'svc-app-web' });
    },
  );
  await t.test('service_template.import: refusal (not a service template document)', async () => {
    const [rc, ids] = pair(
      await c.act(c.admin, 'marketplaceapp', s.app, 'service_template.import', params(s.template)),
    );
    assert.match(String(rc), /one\.document\.info|not a service template/);
    assert.deepEqual(ids, []);
  });

  await t.test('POST /marketplaceapp/:type/create: vm-template and service', async () => {
    const vm = pair(
      await c.as(c.admin, 'POST', '/marketplaceapp/vm-template/create', {
        action: { params: params(s.template, { IMPORT_ALL: false, NAME: 'no-disks' }) },
      }),
    );
    assert.equal(vm[0], 0);
    assert.equal(vm[1].length, 1, 'without IMPORT_ALL only the template app');
    assert.match(decode(await appOf(c, vm[1][0] as number)), new RegExp(`IMAGE_ID="${s.image}"`));
    const svc = pair(
      await c.as(c.admin, 'POST', '/marketplaceapp/service/create', {
        action: { params: params(s.service, { IMPORT_ALL: false }) },
      }),
    );
    assert.equal(svc[0], 0);
    assert.equal(svc[1].length, 1);
    assert.equal((await appOf(c, svc[1][0] as number)).TYPE, '3');
  });
  await t.test('POST /marketplaceapp/:type/create: refusals', async () => {
    // demo may not create apps in oneadmin's marketplace: oned's message in the pair.
    const [rc, ids] = pair(
      await c.as(c.demo, 'POST', '/marketplaceapp/vm/create', { action: { params: params(s.template) } }),
    );
    assert.match(String(rc), /^\[one\.(template\.info|marketapp\.allocate)\] .*[Nn]ot authorized/);
    assert.deepEqual(ids, []);
    const bad = await c.as(c.admin, 'POST', '/marketplaceapp/vm/create', {
      action: { params: { MARKETPLACE_ID: '0' } },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /ORIGIN_ID/);
  });
});
