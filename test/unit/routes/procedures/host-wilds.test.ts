// Reading a host's wild VMs from its Sunstone JSON: TEMPLATE/VM as one object or an array, only
// entries with an IMPORT_TEMPLATE importable, the template decoded, vCenter entries marked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OneJson, OneJsonValue } from '../../../../src/one/types.js';
import { importableWilds, wildsNamed } from '../../../../src/routes/procedures/host-wilds.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

function host(vm: OneJsonValue | undefined): OneJson {
  return { HOST: { ID: '0', TEMPLATE: vm === undefined ? { ARCH: 'x86_64' } : { ARCH: 'x86_64', VM: vm } } };
}

test('one wild (a single object) and a list of them, in document order', () => {
  const one = {
    DEPLOY_ID: 'uuid-1',
    IMPORT_TEMPLATE: b64('NAME="a"\nCPU="1"'),
    VM_NAME: 'a',
    POLL: 'STATE=a',
  };
  assert.deepEqual(importableWilds(host(one)), [
    { name: 'a', deployId: 'uuid-1', template: 'NAME="a"\nCPU="1"', vcenter: false },
  ]);
  const two = { DEPLOY_ID: 'uuid-2', IMPORT_TEMPLATE: b64('NAME="b"'), VM_NAME: 'b' };
  assert.deepEqual(
    importableWilds(host([one, two])).map((w) => w.name),
    ['a', 'b'],
  );
});

test('no TEMPLATE/VM, or entries without an IMPORT_TEMPLATE: nothing importable', () => {
  assert.deepEqual(importableWilds(host(undefined)), []);
  assert.deepEqual(importableWilds({ HOST: { ID: '0', TEMPLATE: {} } }), []);
  assert.deepEqual(importableWilds({ HOST: { ID: '0' } }), []);
  const listed: OneJsonValue[] = [
    { DEPLOY_ID: 'x', VM_NAME: 'no-template' },
    // An empty element is {} in Sunstone JSON; blank text is empty too.
    { DEPLOY_ID: 'y', VM_NAME: 'empty', IMPORT_TEMPLATE: {} },
    { DEPLOY_ID: 'z', VM_NAME: 'blank', IMPORT_TEMPLATE: '  ' },
  ];
  assert.deepEqual(importableWilds(host(listed)), []);
});

test('vCenter entries are marked; names match exactly (case, no trimming)', () => {
  const vc = {
    VM_NAME: 'web',
    DEPLOY_ID: 'vm-12',
    IMPORT_TEMPLATE: b64('NAME="web"'),
    VCENTER_TEMPLATE: 'YES',
  };
  const kvm = { VM_NAME: 'Web', DEPLOY_ID: 'u-1', IMPORT_TEMPLATE: b64('NAME="Web"') };
  const doc = host([vc, kvm]);
  assert.deepEqual(
    wildsNamed(doc, 'web').map((w) => [w.deployId, w.vcenter]),
    [['vm-12', true]],
  );
  assert.deepEqual(
    wildsNamed(doc, 'Web').map((w) => [w.deployId, w.vcenter]),
    [['u-1', false]],
  );
  assert.deepEqual(wildsNamed(doc, 'web '), []);
});
