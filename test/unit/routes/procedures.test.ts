// The procedures over a recording fake oned client: which calls, with which arguments, in which
// order, and what is undone when a step fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionOf, kindByUrl, type ProcedureAction, type ResourceKind } from '../../../src/one/catalogue.js';
import { OneError } from '../../../src/one/errors.js';
import type { OneClient, OneJson } from '../../../src/one/types.js';
import { actionParams } from '../../../src/routes/action-args.js';
import { ACTION_PROCEDURES, CREATE_PROCEDURES } from '../../../src/routes/procedures/registry.js';
import { fakeClient, type RecordedCall } from '../../helpers/fake-one-client.js';

type Call = RecordedCall;

function kind(url: string): ResourceKind {
  const k = kindByUrl(url);
  assert.ok(k);
  return k;
}

function procedure(url: string, name: string): ProcedureAction {
  const a = actionOf(kind(url), name);
  assert.ok(a && 'procedure' in a);
  return a;
}

function refusal(method: string, message: string): OneError {
  return new OneError(method, `[${method}] ${message}`, 0x0200, -1);
}

async function instantiate(object: OneJson, params: Record<string, unknown>): Promise<Call[]> {
  const spec = procedure('vmtemplate', 'instantiate');
  const { client, calls } = fakeClient(() => 42);
  const reply = await ACTION_PROCEDURES['template-instantiate']({
    oneClient: client,
    session: 's',
    kind: kind('vmtemplate'),
    spec,
    id: 7,
    object,
    params: actionParams(spec, params),
  });
  assert.deepEqual(reply, { status: 201, body: '42' });
  return calls;
}

test('template instantiate: name, hold, extra template, persistent; empty NIC & co. sent as X = []', async () => {
  const calls = await instantiate(
    { VMTEMPLATE: { TEMPLATE: {} } },
    {
      vm_name: 'web',
      hold: 'true',
      template: { MEMORY: '512', NIC: [], SCHED_REQUIREMENTS: '', CONTEXT: {} },
    },
  );
  assert.deepEqual(calls, [
    ['one.template.instantiate', [7, 'web', true, 'MEMORY="512"\nNIC = []\nSCHED_REQUIREMENTS = []', false]],
  ]);
  assert.deepEqual(await instantiate({ VMTEMPLATE: {} }, {}), [
    ['one.template.instantiate', [7, '', false, '', false]],
  ]);
});

test('template instantiate: NIC and NIC_ALIAS dropped when the template says NETWORK_SELECT=no', async () => {
  const calls = await instantiate(
    { VMTEMPLATE: { TEMPLATE: { SUNSTONE: { NETWORK_SELECT: 'no' } } } },
    { template: { NIC: [{ NETWORK_ID: '1' }], NIC_ALIAS: { PARENT: 'NIC0' }, CPU: '2' } },
  );
  assert.equal(calls[0]?.[1][3], 'CPU="2"');
});

test('vrouter instantiate: one call, NIC dropped under NETWORK_SELECT=NO, 204', async () => {
  const spec = procedure('vrouter', 'instantiate');
  const { client, calls } = fakeClient(() => 3);
  const reply = await ACTION_PROCEDURES['vrouter-instantiate']({
    oneClient: client,
    session: 's',
    kind: kind('vrouter'),
    spec,
    id: 3,
    object: { VROUTER: { TEMPLATE: { SUNSTONE: { NETWORK_SELECT: 'NO' } } } },
    params: actionParams(spec, {
      n_vms: '2',
      template_id: 5,
      template: { NIC: { NETWORK_ID: '0' }, MEMORY: '64' },
    }),
  });
  assert.deepEqual(reply, { status: 204 });
  assert.deepEqual(calls, [['one.vrouter.instantiate', [3, 2, 5, '', false, 'MEMORY="64"']]]);
});

test('host create: allocate, then the whole hash appended as the template (Sunstone keeps name & co.)', async () => {
  const { client, calls } = fakeClient((m) => (m === 'one.host.allocate' ? 12 : 12));
  const id = await CREATE_PROCEDURES['host-create']({
    oneClient: client,
    session: 's',
    kind: kind('host'),
    spec: kind('host').create,
    value: { name: 'n1', im_mad: 'kvm', vm_mad: 'kvm', cluster_id: 100, RESERVED_CPU: '10' },
    body: {},
  });
  assert.equal(id, 12);
  assert.deepEqual(calls, [
    ['one.host.allocate', ['n1', 'kvm', 'kvm', 100]],
    [
      'one.host.update',
      [12, 'NAME="n1"\nIM_MAD="kvm"\nVM_MAD="kvm"\nCLUSTER_ID="100"\nRESERVED_CPU="10"', 1],
    ],
  ]);
});

test('group create: allocate, default CREATE ACL, admin user, views; a failing step deletes what it made', async () => {
  const ok = fakeClient((m) => (m === 'one.group.allocate' ? 105 : m === 'one.user.allocate' ? 9 : 0));
  const make = (client: OneClient, value: unknown) =>
    CREATE_PROCEDURES['group-create']({
      oneClient: client,
      session: 's',
      kind: kind('group'),
      spec: kind('group').create,
      value,
      body: {},
    });
  assert.equal(
    await make(ok.client, {
      name: 'eng',
      group_admin: { name: 'boss', password: 'pw' },
      views: ['cloud', 'user'],
      shared_resources: 'VM',
    }),
    105,
  );
  assert.deepEqual(ok.calls, [
    ['one.group.allocate', ['eng']],
    [
      'one.acl.addrule',
      [
        '200000069',
        hex('VM+IMAGE+TEMPLATE+DOCUMENT+SECGROUP+VROUTER+VMGROUP+BACKUPJOB', '*'),
        '8',
        '400000000',
      ],
    ],
    ['one.acl.addrule', ['200000069', hex('VM', '@105'), '1', '400000000']],
    ['one.user.allocate', ['boss', 'pw', 'core', [105]]],
    ['one.group.addadmin', [105, 9]],
    [
      'one.group.update',
      [
        105,
        'SUNSTONE=[VIEWS="cloud,user",\nGROUP_ADMIN_VIEWS=groupadmin,\nGROUP_ADMIN_DEFAULT_VIEW=groupadmin]\n',
        1,
      ],
    ],
  ]);

  const failing = fakeClient((m) => {
    if (m === 'one.group.allocate') return 106;
    if (m === 'one.user.allocate') return 10;
    if (m === 'one.group.addadmin') throw refusal(m, 'User [0] : Not authorized.');
    return 0;
  });
  await assert.rejects(make(failing.client, { name: 'eng2', group_admin: { name: 'b', password: 'p' } }), {
    code: 'SUN_ERR_ROUTE_CREATE_STEP',
    message: 'Error creating admin user: [one.group.addadmin] User [0] : Not authorized.',
  });
  assert.deepEqual(
    failing.calls.map(([m]) => m).slice(-3),
    ['one.group.addadmin', 'one.user.delete', 'one.group.delete'],
    'the admin user, then the group, are deleted',
  );
});

/** The resource hex of an ACL rule "<types>/<ids>" (for the expected calls above). */
function hex(types: string, ids: string): string {
  const bits: Record<string, bigint> = {
    VM: 0x1000000000n,
    IMAGE: 0x8000000000n,
    TEMPLATE: 0x20000000000n,
    DOCUMENT: 0x400000000000n,
    SECGROUP: 0x1000000000000n,
    VROUTER: 0x4000000000000n,
    VMGROUP: 0x20000000000000n,
    BACKUPJOB: 0x100000000000000n,
  };
  const id = ids === '*' ? 0x400000000n : 0x200000000n + BigInt(ids.slice(1));
  return types
    .split('+')
    .reduce((acc, t) => acc + (bits[t] ?? 0n), id)
    .toString(16);
}
