// host import_wild over a recording fake oned client: the calls and their arguments, the answer,
// Sunstone's refusals before any call, and the deploy's failure ignored as Sunstone ignores it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionOf, kindByUrl, type ProcedureAction } from '../../../../src/one/catalogue.js';
import type { XmlRpcValue } from '../../../../src/one/codec.js';
import { OneError } from '../../../../src/one/errors.js';
import type { OneJson } from '../../../../src/one/types.js';
import { actionParams } from '../../../../src/routes/action-args.js';
import { ACTION_PROCEDURES } from '../../../../src/routes/procedures/registry.js';
import type { ActionReply } from '../../../../src/routes/procedures/types.js';
import { fakeClient, type RecordedCall } from '../../../helpers/fake-one-client.js';

const HOST = kindByUrl('host');
assert.ok(HOST);
const SPEC = actionOf(HOST, 'import_wild') as ProcedureAction;
assert.ok(SPEC && 'procedure' in SPEC);

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const TEMPLATE = 'NAME="db"\nCPU="2"\nMEMORY="4096"\nIMPORT_VM_ID="uuid-db"';

function hostDoc(...vms: OneJson[]): OneJson {
  return { HOST: { ID: '4', TEMPLATE: { VM: vms } } };
}

const DB = { VM_NAME: 'db', DEPLOY_ID: 'uuid-db', IMPORT_TEMPLATE: b64(TEMPLATE) };

async function run(
  object: OneJson,
  params: Record<string, unknown>,
  answer: (method: string) => XmlRpcValue = () => 17,
): Promise<{ reply: ActionReply; calls: RecordedCall[] }> {
  const { client, calls } = fakeClient(answer);
  const reply = await ACTION_PROCEDURES['host-import-wild']({
    oneClient: client,
    session: 's',
    kind: HOST as NonNullable<typeof HOST>,
    spec: SPEC,
    id: 4,
    object,
    params: actionParams(SPEC, params),
  });
  return { reply, calls };
}

test('allocate the decoded template (not on hold), deploy it on this host, 201 {"VM":{"ID":"17"}}', async () => {
  const { reply, calls } = await run(hostDoc(DB, { ...DB, VM_NAME: 'other', DEPLOY_ID: 'u2' }), {
    name: 'db',
  });
  assert.deepEqual(calls, [
    ['one.vm.allocate', [TEMPLATE, false]],
    ['one.vm.deploy', [17, 4, false, -1, '']],
  ]);
  assert.deepEqual(reply, { status: 201, body: JSON.stringify({ VM: { ID: '17' } }, null, 2) });
});

test("the deploy's refusal is ignored (the VM exists); a bug in between is not", async () => {
  const refused = (method: string): XmlRpcValue => {
    if (method === 'one.vm.deploy') throw new OneError(method, `[${method}] Not authorized`, 0x0200, -1);
    return 9;
  };
  const { reply } = await run(hostDoc(DB), { name: 'db' }, refused);
  assert.deepEqual(reply, { status: 201, body: JSON.stringify({ VM: { ID: '9' } }, null, 2) });
  const buggy = (method: string): XmlRpcValue => {
    if (method === 'one.vm.deploy') throw new TypeError('boom');
    return 9;
  };
  await assert.rejects(run(hostDoc(DB), { name: 'db' }, buggy), TypeError);
});

test("Sunstone's refusals come before any oned call, with their codes and messages", async () => {
  const cases: Array<[OneJson, string, string, string]> = [
    [hostDoc(DB), 'nope', 'SUN_ERR_ROUTE_WILD_NOT_FOUND', "No importable wilds with name 'nope' found."],
    [
      hostDoc(DB, DB),
      'db',
      'SUN_ERR_ROUTE_WILD_AMBIGUOUS',
      "More than one importable wild with name 'db' found.",
    ],
    [
      hostDoc({ ...DB, VCENTER_TEMPLATE: 'YES' }),
      'db',
      'SUN_ERR_ROUTE_WILD_VCENTER',
      "Wild VM 'db' of host 4",
    ],
    [hostDoc(DB), ' ', 'SUN_ERR_ROUTE_BAD_PARAMETER', 'Parameter "name" of action import_wild is empty'],
  ];
  for (const [object, name, code, message] of cases) {
    const calls: RecordedCall[] = [];
    await assert.rejects(
      run(object, { name }, (m) => {
        calls.push([m, []]);
        return 1;
      }),
      (err: { code?: string; message?: string; statusCode?: number }) => {
        assert.equal(err.code, code);
        assert.ok(err.message?.startsWith(message), err.message);
        assert.equal(err.statusCode, code === 'SUN_ERR_ROUTE_BAD_PARAMETER' ? 400 : 500);
        return true;
      },
    );
    assert.deepEqual(calls, [], `${code}: no oned call`);
  }
});

test("oned's refusal of the allocate is the action's failure, and nothing is deployed", async () => {
  const calls: string[] = [];
  await assert.rejects(
    run(hostDoc(DB), { name: 'db' }, (m) => {
      calls.push(m);
      throw new OneError(m, `[${m}] Error allocating a new virtual machine.`, 0x0800, -1);
    }),
    { message: '[one.vm.allocate] Error allocating a new virtual machine.' },
  );
  assert.deepEqual(calls, ['one.vm.allocate']);
});
