// GET /ovmf_uefis: the OVMF_UEFIS list of the front-end's vmm_exec_kvm.conf, an empty list when the
// file is not there (this server not on the front-end), and a session + CSRF token needed as in Sunstone.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseOvmfUefis } from '../../../src/routes/ovmf-uefis.js';
import { buildTestApp } from '../../helpers/app.js';

test('parseOvmfUefis reads the first OVMF_UEFIS line, split on spaces', () => {
  const conf = [
    '# OVMF_UEFIS="/commented/out"',
    'EMULATOR = /usr/bin/kvm',
    'OVMF_UEFIS = "/usr/share/OVMF/OVMF_CODE.fd  /usr/share/OVMF/OVMF_CODE.secboot.fd"',
    'OVMF_UEFIS = "/second/line"',
  ].join('\n');
  assert.deepEqual(parseOvmfUefis(conf), [
    '/usr/share/OVMF/OVMF_CODE.fd',
    '/usr/share/OVMF/OVMF_CODE.secboot.fd',
  ]);
  assert.deepEqual(parseOvmfUefis('EMULATOR = /usr/bin/kvm\n'), []);
  assert.deepEqual(parseOvmfUefis('OVMF_UEFIS=""\n'), []);
});

test('the list from ETC/vmm_exec/vmm_exec_kvm.conf, re-read on each request', async (t) => {
  const { app, login, config } = await buildTestApp(t, { vms: 2 });
  const demo = await login('demo', 'demo');
  const none = await app.inject({ method: 'GET', url: '/ovmf_uefis', headers: demo.headers });
  assert.equal(none.statusCode, 200);
  assert.equal(none.headers['content-type'], 'application/json;charset=utf-8');
  assert.equal(none.body, '{"ovmf_uefis":[]}');

  const dir = join(config.paths.etc, 'vmm_exec');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'vmm_exec_kvm.conf'), 'OVMF_UEFIS = "/a/OVMF_CODE.fd /b/AAVMF_CODE.fd"\n');
  const some = await app.inject({ method: 'GET', url: '/ovmf_uefis', headers: demo.headers });
  assert.deepEqual(JSON.parse(some.body), { ovmf_uefis: ['/a/OVMF_CODE.fd', '/b/AAVMF_CODE.fd'] });

  const anon = await app.inject({ method: 'GET', url: '/ovmf_uefis' });
  assert.equal(anon.statusCode, 401);
  assert.equal(anon.body, 'csrftoken');
});
