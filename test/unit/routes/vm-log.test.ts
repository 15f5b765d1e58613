// GET /vm/:id/log (reference §8): where Sunstone looks, streamed, ?tail=N, and Sunstone's answers
// when the log cannot be read or the VM cannot be seen.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { logSpan, tailOffset, vmLogJson, vmLogPath } from '../../../src/routes/vm-log-file.js';
import { buildTestApp } from '../../helpers/app.js';

test('the log path: LOG/<id>.log for packages, VAR/vms/<id>/vm.log with ONE_LOCATION or USE_VMS_LOCATION', () => {
  const pkg = { oneLocation: null, log: '/var/log/one', vms: '/var/lib/one/vms' };
  assert.equal(vmLogPath(pkg, 7, false), '/var/log/one/7.log');
  assert.equal(vmLogPath(pkg, 7, true), '/var/lib/one/vms/7/vm.log');
  const self = { oneLocation: '/opt/one', log: '/opt/one/var', vms: '/opt/one/var/vms' };
  assert.equal(vmLogPath(self, 7, false), '/opt/one/var/vms/7/vm.log');
});

test('tail: the last N lines, a final newline ending the last line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sunstone-vmlog-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'log');
  const text = async (tail: number | undefined): Promise<string> => {
    let out = '';
    for await (const piece of vmLogJson(await logSpan(file, tail))) out += piece;
    return (JSON.parse(out) as { vm_log: string }).vm_log;
  };
  writeFileSync(file, 'a\nb\nc\n');
  assert.equal(await text(2), 'b\nc\n');
  assert.equal(await text(3), 'a\nb\nc\n');
  assert.equal(await text(10), 'a\nb\nc\n');
  assert.equal(await text(0), '');
  writeFileSync(file, 'a\nb\nc');
  assert.equal(await text(1), 'c');
  assert.equal(await text(2), 'b\nc');
  // Lines across the 64 KiB blocks read backwards.
  const lines = Array.from({ length: 20000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  assert.equal(await text(5000), `${lines.slice(-5000).join('\n')}\n`);
  assert.equal(await tailOffset(file, 0, 3), 0);
});

test('GET /vm/:id/log: streamed JSON, tail, "not available", 404 for a VM the user cannot see', async (t) => {
  const { app, sim, config, login } = await buildTestApp(t, { vms: 10 });
  const admin = await login('oneadmin', 'opennebula');
  const vm = sim.core.state.vms.list()[0];
  assert.ok(vm);
  // buildTestApp sets ONE_LOCATION: the log is VAR/vms/<id>/vm.log, as oned writes it there.
  mkdirSync(join(config.paths.vms, String(vm.id)), { recursive: true });
  // Multi-byte characters and JSON specials, across block boundaries of a log of a few MB.
  const line = 'Sun Nov 22 00:00:00 2026 [Z0][VM][I]: New state is ACTIVE "quoted" \\ tab\t ünïcødé ✓\n';
  const log = line.repeat(Math.ceil((3 * 1024 * 1024) / Buffer.byteLength(line)));
  writeFileSync(join(config.paths.vms, String(vm.id), 'vm.log'), log);

  const res = await app.inject({ url: `/vm/${vm.id}/log`, headers: admin.headers });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-length'], undefined, 'streamed');
  assert.equal((res.json() as { vm_log: string }).vm_log, log);

  const tail = await app.inject({ url: `/vm/${vm.id}/log?tail=2`, headers: admin.headers });
  assert.equal(tail.json().vm_log, line.repeat(2));
  const badTail = await app.inject({ url: `/vm/${vm.id}/log?tail=-1`, headers: admin.headers });
  assert.equal(badTail.statusCode, 400);

  const other = sim.core.state.vms.list()[1];
  assert.ok(other);
  const missing = await app.inject({ url: `/vm/${other.id}/log`, headers: admin.headers });
  assert.equal(missing.statusCode, 200);
  assert.equal(missing.body, `{"vm_log":"Log for VM ${other.id} not available"}`);

  const nope = await app.inject({ url: '/vm/99999/log', headers: admin.headers });
  assert.equal(nope.statusCode, 404);
  assert.match(nope.json().error.message, /\[one\.vm\.info\]/);

  // demo may not read oneadmin's VM: no log either, even though the file is there.
  const demo = await login('demo', 'demo');
  const hidden = sim.core.state.vms.list().find((v) => v.uid === 0 && v.gid === 0);
  assert.ok(hidden, "a VM of oneadmin's");
  mkdirSync(join(config.paths.vms, String(hidden.id)), { recursive: true });
  writeFileSync(join(config.paths.vms, String(hidden.id), 'vm.log'), 'secret\n');
  const denied = await app.inject({ url: `/vm/${hidden.id}/log`, headers: demo.headers });
  assert.equal(denied.statusCode, 404);
  assert.ok(!denied.body.includes('secret'));
});
