import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OneJsonObject } from '../../../../src/ui/model/one-json.js';
import { patchSummaries, replaceSummary, summariseVm } from '../../../../src/ui/model/vm-summary.js';

function vm(over: OneJsonObject = {}): OneJsonObject {
  return {
    ID: '7',
    UID: '0',
    GID: '0',
    UNAME: 'oneadmin',
    GNAME: 'oneadmin',
    NAME: 'web-7',
    STATE: '3',
    LCM_STATE: '3',
    TEMPLATE: { CPU: '1', MEMORY: '512', NIC: { IP: '10.0.0.5', NIC_ID: '0' } },
    USER_TEMPLATE: {},
    HISTORY_RECORDS: { HISTORY: { SEQ: '0', HOSTNAME: 'node1' } },
    ...over,
  };
}

test('a running VM: names, LCM state name, host, IP, CPU and memory', () => {
  const s = summariseVm(vm());
  assert.equal(s.id, '7');
  assert.equal(s.idNum, 7);
  assert.equal(s.name, 'web-7');
  assert.equal(s.owner, 'oneadmin');
  assert.equal(s.group, 'oneadmin');
  assert.equal(s.state, 'RUNNING');
  assert.equal(s.host, 'node1');
  assert.deepEqual(s.ips, ['10.0.0.5']);
  assert.equal(s.cpu, 1);
  assert.equal(s.memoryMiB, 512);
});

test('the VM state name is used when not ACTIVE (POWEROFF), and the LCM name when ACTIVE', () => {
  assert.equal(summariseVm(vm({ STATE: '8', LCM_STATE: '0' })).state, 'POWEROFF');
  assert.equal(summariseVm(vm({ STATE: '3', LCM_STATE: '18' })).state, 'SHUTDOWN_POWEROFF');
  assert.equal(summariseVm(vm({ STATE: '1', LCM_STATE: '0' })).state, 'PENDING');
});

test('IPs come from every NIC and NIC_ALIAS, IPv4 and IPv6, without repeats', () => {
  const s = summariseVm(
    vm({
      TEMPLATE: {
        CPU: '1',
        MEMORY: '1024',
        NIC: [
          { IP: '10.0.0.5', IP6_GLOBAL: '2001:db8::5' },
          { IP: '192.168.1.9', IP6: 'fd00::9' },
        ],
        NIC_ALIAS: { IP: '10.0.0.6' },
      },
    }),
  );
  assert.deepEqual(s.ips, ['10.0.0.5', '2001:db8::5', '192.168.1.9', 'fd00::9', '10.0.0.6']);
});

test('the host is the last HISTORY record; none for a VM never deployed', () => {
  const moved = vm({
    HISTORY_RECORDS: {
      HISTORY: [
        { SEQ: '0', HOSTNAME: 'old' },
        { SEQ: '1', HOSTNAME: 'new' },
      ],
    },
  });
  assert.equal(summariseVm(moved).host, 'new');
  assert.equal(summariseVm(vm({ HISTORY_RECORDS: {} })).host, '');
});

test('a reduced pool body with an empty TEMPLATE gives empty values, not errors', () => {
  const s = summariseVm(vm({ TEMPLATE: {} }));
  assert.deepEqual(s.ips, []);
  assert.equal(s.cpu, null);
  assert.equal(s.memoryMiB, null);
});

test('the filter haystack holds every shown value in lower case', () => {
  const s = summariseVm(vm({ NAME: 'DB-Primary' }));
  for (const word of ['db-primary', 'oneadmin', 'running', 'node1', '10.0.0.5', '7']) {
    assert.ok(s.haystack.includes(word), word);
  }
});

test('patchSummaries keeps unchanged VMs as the same objects and replaces changed ones', () => {
  const a = summariseVm(vm({ ID: '1', NAME: 'a' }));
  const b = summariseVm(vm({ ID: '2', NAME: 'b' }));
  const next = patchSummaries(
    [a, b],
    [summariseVm(vm({ ID: '1', NAME: 'a' })), summariseVm(vm({ ID: '2', NAME: 'b', STATE: '8' }))],
  );
  assert.equal(next[0], a, 'unchanged VM keeps its identity');
  assert.notEqual(next[1], b);
  assert.equal(next[1]?.state, 'POWEROFF');
});

test('replaceSummary swaps one VM, keeps the list when nothing changed, appends a new one', () => {
  const a = summariseVm(vm({ ID: '1' }));
  const list = [a];
  assert.equal(replaceSummary(list, summariseVm(vm({ ID: '1' }))), list);
  const changed = replaceSummary(list, summariseVm(vm({ ID: '1', STATE: '8' })));
  assert.notEqual(changed, list);
  assert.equal(changed[0]?.state, 'POWEROFF');
  assert.equal(replaceSummary(list, summariseVm(vm({ ID: '2' }))).length, 2);
});
