// The scheduled-action cases shared by VMs and backup jobs. oned 6.10 numbers scheduled actions
// in one pool for the whole cloud (reference/golden xml2json 13: ids 3 and 4 on VM 63), so the id
// to update or delete is read back from the object's SCHED_ACTION after adding it, never assumed.
import assert from 'node:assert/strict';
import type { ActionCase, Fixture } from './action-runner.js';
import type { Json, JsonObject } from './harness.js';

/** The id of the object's last scheduled action (TEMPLATE/SCHED_ACTION/ID). */
async function lastSchedId(f: Fixture, url: string): Promise<number> {
  const template = (await f.c.show(url, f.id)).TEMPLATE as JsonObject;
  const list = ([] as Json[]).concat(template.SCHED_ACTION ?? []) as JsonObject[];
  const id = list[list.length - 1]?.ID;
  assert.match(String(id), /^\d+$/, `${url} ${f.id} has a scheduled action: ${JSON.stringify(list)}`);
  return Number(id);
}

/** Adds `template` as oneadmin and answers the new action's id (for refusals, which run no `before`). */
async function addedSchedId(f: Fixture, url: string, template: string): Promise<number> {
  const r = await f.c.act(f.c.admin, url, f.id, 'sched_action_add', { sched_template: template });
  assert.equal(r.statusCode, 204, r.body);
  return lastSchedId(f, url);
}

export function schedActionCases(
  url: string,
  template: string,
  updated: string,
): Record<'sched_action_add' | 'sched_action_update' | 'sched_action_delete', ActionCase> {
  const actions = async (f: Fixture): Promise<JsonObject[]> => {
    const t = (await f.c.show(url, f.id)).TEMPLATE as JsonObject;
    return ([] as Json[]).concat(t.SCHED_ACTION ?? []) as JsonObject[];
  };
  const newTime = /TIME="([^"]*)"/.exec(updated)?.[1];
  assert.ok(newTime !== undefined && newTime !== /TIME="([^"]*)"/.exec(template)?.[1], 'updated moves TIME');
  const before = [['sched_action_add', { sched_template: template }]] as const;
  const needs = [`one.${url}.schedadd`];
  return {
    sched_action_add: {
      params: { sched_template: template },
      check: async (f) => assert.equal((await actions(f)).length, 1),
    },
    sched_action_update: {
      before,
      needs,
      params: async (f) => ({ sched_id: await lastSchedId(f, url), sched_template: updated }),
      check: async (f) =>
        assert.deepEqual(
          (await actions(f)).map((a) => a.TIME),
          [newTime],
        ),
      refusal: {
        params: async (f) => ({ sched_id: await addedSchedId(f, url, template), sched_template: updated }),
      },
    },
    sched_action_delete: {
      before,
      needs,
      params: async (f) => ({ sched_id: await lastSchedId(f, url) }),
      check: async (f) => assert.deepEqual(await actions(f), []),
      refusal: { params: async (f) => ({ sched_id: await addedSchedId(f, url, template) }) },
    },
  };
}
