import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './fixture.js';

const A = 'oneadmin:opennebula';

function docOf(r: unknown): string {
  assert.ok(Array.isArray(r) && r[0] === true, JSON.stringify(r));
  return String(r[1]);
}

test('vm.info lists every history record; infoextended only the last, without monitoring', () => {
  const f = fixture({ vms: 0 });
  const id = Number((f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 128') as unknown[])[1]);
  f.call('one.vm.action', A, 'poweroff', id);
  f.call('one.vm.action', A, 'resume', id);
  const info = docOf(f.call('one.vm.info', A, id));
  assert.equal(info.match(/<HISTORY>/g)?.length, 2);
  assert.match(info, /<MONITORING><CPU>/);
  const ext = docOf(f.call('one.vmpool.infoextended', A, -2, -1, -1, -1));
  assert.equal(ext.match(/<HISTORY>/g)?.length, 1);
  assert.match(ext, /<LAST_POLL>0<\/LAST_POLL>.*<MONITORING><\/MONITORING>/);
  const short = docOf(f.call('one.vmpool.info', A, -2, -1, -1, -1));
  assert.match(short, /<MONITORING\/>/);
  assert.doesNotMatch(short, /<PERMISSIONS>|<PREV_STATE>/);
});

test('accounting: history records open in the window, each with the VM inside', () => {
  const f = fixture({ vms: 0 });
  const t0 = f.sim.now();
  const id = Number((f.call('one.vm.allocate', A, 'CPU = 1\nMEMORY = 128') as unknown[])[1]);
  f.clock.ms += 3600_000;
  f.call('one.vm.action', A, 'stop', id);
  f.clock.ms += 3600_000;
  f.call('one.vm.action', A, 'resume', id);
  const all = docOf(f.call('one.vmpool.accounting', A, -2, -1, -1));
  assert.equal(all.match(/<HISTORY><OID>/g)?.length, 2);
  assert.match(all, /<REQUEST_ID>-?\d+<\/REQUEST_ID><VM><ID>\d+<\/ID>.*?<HISTORY_RECORDS\/>/);
  const late = docOf(f.call('one.vmpool.accounting', A, -2, t0 + 5400, -1));
  assert.equal(late.match(/<HISTORY><OID>/g)?.length, 1, 'the first record closed before the window');
  const early = docOf(f.call('one.vmpool.accounting', A, -2, -1, t0 + 60));
  assert.equal(early.match(/<HISTORY><OID>/g)?.length, 1, 'the second record started after the window');
  assert.equal(
    docOf(f.call('one.vmpool.accounting', 'alice:alice', -2, -1, -1)),
    '<HISTORY_RECORDS></HISTORY_RECORDS>',
  );
});

test('pool monitoring: 0 gives the last record of each monitored VM the user may see', () => {
  const f = fixture({ vms: 40 });
  const monitored = f.sim.state.vms.list().filter((vm) => vm.lastPoll > 0 && vm.uid === 2).length;
  const xml = docOf(f.call('one.vmpool.monitoring', 'demo:demo', -2, 0));
  assert.equal(xml.match(/<MONITORING>/g)?.length, monitored);
  const series = docOf(f.call('one.vm.monitoring', A, 0));
  assert.ok((series.match(/<MONITORING>/g)?.length ?? 0) > 1);
});
