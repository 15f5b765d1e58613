// The contract tests' shared parts: an app on the real simulator with oneadmin and demo logged in,
// Sunstone's JSON conventions (§4.1-4.4) as assertions, the sample create body of every kind, and
// `todo` markers for what the simulator does not implement yet (so nothing is skipped silently:
// the reason shows in the test report, and the case turns into a real test once the method exists).
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  CATALOGUE,
  isCallAction,
  kindByUrl,
  type ActionSpec,
  type ResourceKind,
} from '../../../src/one/catalogue.js';
import { methodTable } from '../../../src/oned-sim/methods/table.js';
import { buildTestApp, type LoggedIn, type TestApp } from '../../helpers/app.js';

export { onedCalls } from '../../helpers/oned-calls.js';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** What the simulator answers today. */
const SIM_METHODS = new Set(methodTable().keys());

/** node:test's `todo` for a case needing methods the simulator lacks, else undefined. */
export function todoUnless(methods: readonly string[]): string | undefined {
  const missing = [...new Set(methods)].filter((m) => !SIM_METHODS.has(m));
  return missing.length === 0 ? undefined : `simulator: ${missing.join(', ')} not implemented yet`;
}

/** Every XML-RPC method an action may call. */
export function methodsOf(spec: ActionSpec): readonly string[] {
  return isCallAction(spec) ? [spec.method] : spec.methods;
}

export function kind(url: string): ResourceKind {
  const k = kindByUrl(url);
  assert.ok(k, url);
  return k;
}

/** Methods a kind's create uses (allocate, or its procedure's). */
export function createMethods(k: ResourceKind): readonly string[] {
  return 'method' in k.create ? [k.create.method] : k.create.methods;
}

export interface Contract extends TestApp {
  readonly admin: LoggedIn;
  readonly demo: LoggedIn;
  /** A request as `who` (JSON payload), answered by the app. */
  as(
    who: LoggedIn,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** POST /:pool as oneadmin with the kind's sample body; asserts 201 and returns the new id. */
  create(url: string, extra?: JsonObject): Promise<number>;
  /** POST /:resource/:id/action as `who`. */
  act(
    who: LoggedIn,
    url: string,
    id: number,
    perform: string,
    params?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** GET /:resource/:id as oneadmin, the object under its root. */
  show(url: string, id: number): Promise<JsonObject>;
}

export async function contract(t: TestContext): Promise<Contract> {
  const h = await buildTestApp(t, { vms: 12 });
  const admin = await h.login('oneadmin', 'opennebula');
  const demo = await h.login('demo', 'demo');
  let serial = 0;
  const as: Contract['as'] = (who, method, url, payload) =>
    h.app.inject({
      method,
      url,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const c: Contract = {
    ...h,
    admin,
    demo,
    as,
    async create(url, extra = {}) {
      const body = await sampleBody(c, url, ++serial);
      const res = await as(admin, 'POST', `/${url}`, { ...body, ...extra });
      assert.equal(res.statusCode, 201, `POST /${url}: ${res.body}`);
      const root = (res.json() as JsonObject)[kind(url).element] as JsonObject;
      return Number(root.ID);
    },
    act: (who, url, id, perform, params) =>
      as(who, 'POST', `/${url}/${id}/action`, {
        action: { perform, ...(params === undefined ? {} : { params }) },
      }),
    async show(url, id) {
      const res = await as(admin, 'GET', `/${url}/${id}`);
      assert.equal(res.statusCode, 200, `GET /${url}/${id}: ${res.body}`);
      return (res.json() as JsonObject)[kind(url).element] as JsonObject;
    },
  };
  return c;
}

/** The first id of a pool as oneadmin sees it (seeded objects), or undefined when empty. */
export async function firstId(
  c: Contract,
  url: string,
  pick?: (o: JsonObject) => boolean,
): Promise<number | undefined> {
  const k = kind(url);
  const res = await c.as(c.admin, 'GET', `/${url}`);
  const items = ([] as Json[]).concat(
    ((res.json() as JsonObject)[k.poolElement] as JsonObject)[k.element] ?? [],
  );
  const found = (items as JsonObject[]).find((o) => pick?.(o) ?? true);
  return found === undefined ? undefined : Number(found.ID);
}

/**
 * The sample create body of each kind (§4.5): what Sunstone's forms send, with names made unique by
 * `n`. Kinds whose objects need others (a marketplace for an app) make them first.
 */
export async function sampleBody(c: Contract, url: string, n: number): Promise<JsonObject> {
  switch (url) {
    case 'vm':
      return { vm: { NAME: `c-vm-${n}`, CPU: '0.1', MEMORY: '64' } };
    case 'host':
      return { host: { name: `c-host-${n}`, im_mad: 'kvm', vm_mad: 'kvm', cluster_id: '-1' } };
    case 'cluster':
      return { cluster: { name: `c-cluster-${n}` } };
    case 'image':
      return { image: { NAME: `c-img-${n}`, TYPE: 'DATABLOCK', SIZE: '16' }, ds_id: 1 };
    case 'vmtemplate':
      return { vmtemplate: { NAME: `c-tmpl-${n}`, CPU: '0.1', MEMORY: '64' } };
    case 'vm_group':
      return { vm_group: { NAME: `c-vmg-${n}`, ROLE: [{ NAME: 'web' }, { NAME: 'db' }] } };
    case 'vnet':
      return {
        vnet: {
          NAME: `c-net-${n}`,
          VN_MAD: 'bridge',
          BRIDGE: 'br0',
          AR: [{ TYPE: 'IP4', IP: `10.${100 + (n % 100)}.0.1`, SIZE: '16' }],
        },
        cluster_id: -1,
      };
    case 'vntemplate':
      return { vntemplate: { NAME: `c-vnt-${n}`, VN_MAD: 'bridge', BRIDGE: 'br0' } };
    case 'user':
      return { user: { name: `c-user-${n}`, password: 'secret' } };
    case 'group':
      return { group: { name: `c-group-${n}` } };
    case 'acl':
      return { acl: '@1 VM/* USE' };
    case 'datastore':
      return { datastore: { NAME: `c-ds-${n}`, DS_MAD: 'fs', TM_MAD: 'ssh' }, cluster_id: -1 };
    case 'zone':
      return { zone: { NAME: `c-zone-${n}`, ENDPOINT: 'http://127.0.0.1:2633/RPC2' } };
    case 'security_group':
      return {
        security_group: { NAME: `c-sg-${n}`, RULE: { PROTOCOL: 'TCP', RULE_TYPE: 'inbound', RANGE: '22' } },
      };
    case 'vdc':
      return { vdc: { NAME: `c-vdc-${n}` } };
    case 'vrouter':
      return { virtual_router: { NAME: `c-vr-${n}` } };
    case 'marketplace':
      return {
        marketplace: {
          NAME: `c-mkt-${n}`,
          MARKET_MAD: 'http',
          BASE_URL: 'http://127.0.0.1/',
          PUBLIC_DIR: '/var/tmp',
        },
      };
    case 'marketplaceapp': {
      const market = await c.create('marketplace');
      const image = await c.create('image');
      return {
        marketplaceapp: { NAME: `c-app-${n}`, ORIGIN_ID: String(image), TYPE: 'IMAGE' },
        mp_id: market,
      };
    }
    case 'backupjob':
      return { backupjob: { NAME: `c-bj-${n}` } };
    default:
      throw new Error(`no sample body for ${url}`);
  }
}

/** Methods creating a sample of `url` needs (apps need a marketplace and an image first). */
export function sampleMethods(url: string): readonly string[] {
  const own = [...createMethods(kind(url)), `one.${kind(url).rpc}.info`];
  if (url !== 'marketplaceapp') return own;
  return [...own, ...sampleMethods('marketplace'), ...sampleMethods('image')];
}

/** Every scalar of Sunstone's JSON is a string; empty elements are {} (reference §4.1). */
export function assertAllStrings(v: Json, path = '$'): void {
  if (Array.isArray(v)) v.forEach((x, i) => assertAllStrings(x, `${path}[${i}]`));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) assertAllStrings(x, `${path}.${k}`);
  } else assert.equal(typeof v, 'string', `${path} is ${JSON.stringify(v)}`);
}

/**
 * A pool body (§4.2): `{"<X>_POOL":...}`; vm and image always an array or null, other kinds `{}`
 * when empty, one object for one element, an array for more. Returns the elements.
 */
export function poolElements(k: ResourceKind, body: string): JsonObject[] {
  const json = JSON.parse(body) as JsonObject;
  assert.deepEqual(Object.keys(json), [k.poolElement], `${k.url}: the pool root`);
  const pool = json[k.poolElement] as JsonObject;
  assert.ok(
    pool !== null && typeof pool === 'object' && !Array.isArray(pool),
    `${k.url}: the pool is an object`,
  );
  const items = pool[k.element];
  if (k.pool.paginated) {
    assert.deepEqual(Object.keys(pool), [k.element], `${k.url}: a paged pool always names its element`);
    assert.ok(items === null || Array.isArray(items), `${k.url}: a paged pool is an array or null`);
  } else if (items === undefined) {
    assert.deepEqual(pool, {}, `${k.url}: an empty pool is {}`);
  } else if (Array.isArray(items)) {
    assert.ok(items.length >= 2, `${k.url}: an array only for two or more`);
  } else {
    assert.equal(typeof items, 'object', `${k.url}: one element is an object`);
  }
  assertAllStrings(pool);
  return ([] as Json[]).concat(items ?? []) as JsonObject[];
}

/** Sunstone's error body, pretty as OpenNebula::Error#to_json, with its message. */
export function errorMessage(res: LightMyRequestResponse): string {
  const json = res.json() as { error?: { message?: unknown } };
  assert.equal(typeof json.error?.message, 'string', `an error body: ${res.body}`);
  assert.equal(res.body, JSON.stringify(json, null, 2), 'errors are pretty-printed');
  return json.error?.message as string;
}

export const ALL_KINDS = CATALOGUE.map((k) => k.url);
