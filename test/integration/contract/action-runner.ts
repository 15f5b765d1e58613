// Table-driven action contracts: for every action of a kind, a success case (oneadmin on a fresh
// object, with the state it needs reached through other actions first) expecting Sunstone's 204 or
// 201 + value, and a refusal case expecting oned's message unchanged. The table must name every
// action of the catalogue, so a new action cannot go untested. Cases needing methods the simulator
// lacks are `todo`, naming them. A fixture that changes what the seed made (the only image with
// snapshots) gets a simulator of its own per case, so no case depends on another's leftovers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionOf, isCallAction, type ActionSpec } from '../../../src/one/catalogue.js';
import {
  contract,
  errorMessage,
  kind,
  methodsOf,
  todoUnless,
  type Contract,
  type JsonObject,
} from './harness.js';

export interface Fixture {
  readonly c: Contract;
  readonly id: number;
  /** Ids of helper objects the fixture made (a host for cluster addhost ...). */
  readonly extra: Readonly<Record<string, number | string>>;
}

export type Params =
  Record<string, unknown> | ((f: Fixture) => Record<string, unknown> | Promise<Record<string, unknown>>);

export interface FixtureSpec {
  make(c: Contract): Promise<Fixture>;
  /** Methods making it needs. */
  readonly needs: readonly string[];
  /** Each case needs a fresh app and simulator (the fixture is a seeded object a case may change). */
  readonly fresh?: boolean;
}

export interface ActionCase {
  /** Which fixture (default 'default'). */
  readonly fixture?: string;
  /** Actions run first, as oneadmin, to reach the state the action needs. */
  readonly before?: ReadonlyArray<readonly [string, Params?]>;
  readonly params?: Params;
  /** Methods the case needs besides the action's and the fixture's. */
  readonly needs?: readonly string[];
  /** The effect, checked after success. */
  readonly check?: (f: Fixture) => Promise<void>;
  /** A success case the simulator cannot set up yet, with the reason. */
  readonly todo?: string;
  readonly refusal?: {
    /** 'action': demo on an object it can read but not change (500 from the action's method);
     *  'read': demo on an object it cannot read (404 from the read Sunstone does first). */
    readonly mode?: 'action' | 'read';
    readonly as?: 'admin' | 'demo';
    readonly params?: Params;
    readonly message?: RegExp;
  };
}

export interface KindContract {
  readonly url: string;
  readonly fixtures: Readonly<Record<string, FixtureSpec>>;
  /** How refusals are made unless a case says otherwise. */
  readonly refusal: 'action' | 'read';
  readonly cases: Readonly<Record<string, ActionCase>>;
  /** Actions whose contract lives in another test file, and where. */
  readonly elsewhere?: Readonly<Record<string, string>>;
}

async function resolve(p: Params | undefined, f: Fixture): Promise<Record<string, unknown> | undefined> {
  return typeof p === 'function' ? p(f) : p;
}

/** What the procedures answer on success (the others: 204). */
const PROCEDURE_RESULTS: Readonly<Record<string, 'value' | 'json'>> = {
  'template-instantiate': 'value',
  'vm-save-as-template': 'value',
  'marketapp-export': 'json',
};

/** The success status and body Sunstone gives for this action (§4.4). */
function assertSuccess(
  spec: ActionSpec,
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
): void {
  const result = isCallAction(spec) ? spec.result : (PROCEDURE_RESULTS[spec.procedure] ?? 'none');
  if (result === 'json') {
    // A compact JSON object (export's {"IMAGE":[...],"VMTEMPLATE":[...]}); the case checks its content.
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
    assert.equal(res.body, JSON.stringify(JSON.parse(res.body)), 'compact, as response.to_json');
    return;
  }
  if (result === 'none') {
    assert.equal(res.statusCode, 204, res.body);
    assert.equal(res.body, '');
    return;
  }
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  const value = JSON.parse(res.body) as unknown;
  if (result === 'value') {
    assert.ok(typeof value === 'number' || typeof value === 'string', `a bare value: ${res.body}`);
    assert.equal(res.body, JSON.stringify(value), 'compact, as rc.to_json');
  } else {
    assert.deepEqual(Object.keys(value as object), [result.stub]);
    assert.match(String(((value as JsonObject)[result.stub] as JsonObject).ID), /^\d+$/);
    assert.equal(res.body, JSON.stringify(value, null, 2), 'pretty, as an object');
  }
}

/** One test per kind, a subtest per action and outcome. */
export function actionContract(kc: KindContract): void {
  const k = kind(kc.url);
  test(`${kc.url}: every action, success and refusal`, async (t) => {
    const names = k.actions.map((a) => a.name);
    for (const name of names) {
      assert.ok(kc.cases[name] ?? kc.elsewhere?.[name], `${kc.url}.${name}: the table has no case for it`);
    }
    for (const name of Object.keys(kc.cases))
      assert.ok(names.includes(name), `${kc.url}.${name} is not an action`);
    const shared = await contract(t);
    const chmod = k.actions.find((a) => a.name === 'chmod');
    for (const spec of k.actions.filter((a) => kc.cases[a.name] !== undefined)) {
      const cs = kc.cases[spec.name] ?? {};
      const fx = kc.fixtures[cs.fixture ?? 'default'];
      assert.ok(fx, `${kc.url}.${spec.name}: fixture ${cs.fixture ?? 'default'}`);
      const beforeMethods = (cs.before ?? []).flatMap(([p]) => {
        const b = actionOf(k, p);
        assert.ok(b, `${kc.url}.${spec.name}: before ${p} is an action`);
        return methodsOf(b);
      });
      const needs = [...methodsOf(spec), ...fx.needs, ...beforeMethods, ...(cs.needs ?? [])];

      await t.test(`${spec.name}: success`, { todo: cs.todo ?? todoUnless(needs) }, async (st) => {
        const c = fx.fresh ? await contract(st) : shared;
        const f = await fx.make(c);
        for (const [p, params] of cs.before ?? []) {
          const r = await c.act(c.admin, kc.url, f.id, p, await resolve(params, f));
          assert.ok(r.statusCode === 204 || r.statusCode === 201, `before ${p}: ${r.statusCode} ${r.body}`);
        }
        const res = await c.act(c.admin, kc.url, f.id, spec.name, await resolve(cs.params, f));
        assertSuccess(spec, res);
        await cs.check?.(f);
      });

      const mode = cs.refusal?.mode ?? kc.refusal;
      const readable = mode === 'action' && chmod !== undefined;
      const refusalNeeds = [
        ...methodsOf(spec),
        ...fx.needs,
        ...(readable && chmod ? methodsOf(chmod) : []),
        ...(cs.needs ?? []),
      ];
      await t.test(`${spec.name}: refusal`, { todo: todoUnless(refusalNeeds) }, async (st) => {
        const c = fx.fresh ? await contract(st) : shared;
        const f = await fx.make(c);
        // Readable by others (USE), changeable by oneadmin only.
        if (readable)
          assert.equal((await c.act(c.admin, kc.url, f.id, 'chmod', { octet: '604' })).statusCode, 204);
        const who = cs.refusal?.as === 'admin' ? c.admin : c.demo;
        const res = await c.act(
          who,
          kc.url,
          f.id,
          spec.name,
          await resolve(cs.refusal?.params ?? cs.params, f),
        );
        const message = errorMessage(res);
        if (mode === 'read') {
          assert.equal(res.statusCode, 404, message);
          assert.equal(
            message,
            `[one.${k.rpc}.info] User [2] : Not authorized to perform USE ${k.authType} [${f.id}].`,
          );
        } else {
          assert.equal(res.statusCode, 500, message);
          assert.ok(
            methodsOf(spec).some((m) => message.startsWith(`[${m}] `)),
            `oned's message for ${methodsOf(spec).join('/')}: ${message}`,
          );
          if (cs.refusal?.message) assert.match(message, cs.refusal.message);
        }
      });
    }
  });
}

/** Polls `check` a bounded number of times (the simulator at speed 0 settles within a few turns). */
export async function settle(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail(`${what} did not happen`);
}

/** A fixture spec making a fresh sample object of `url` (the kind's sample create body). */
export function sampleFixture(
  url: string,
  needs: readonly string[],
  extra?: (c: Contract) => Promise<Record<string, unknown>>,
): FixtureSpec {
  return {
    needs,
    async make(c) {
      const id = await c.create(url, extra ? ((await extra(c)) as JsonObject) : undefined);
      return { c, id, extra: {} };
    },
  };
}
