// /vnc, /spice, /guac, /vmrc: the old UI's console links land on a page of ours saying where consoles
// are now (no session needed, as in Sunstone); /ws answers 204.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consolePage } from '../../../src/routes/console-pages.js';
import { buildTestApp } from '../../helpers/app.js';

test('each console page is HTML that links back to the UI under :base_path', async (t) => {
  const { app } = await buildTestApp(t, {
    vms: 1,
    config: { base_path: '/sunstone', public_fireedge_endpoint: 'https://fe.example.com' },
  });
  for (const kind of ['vnc', 'spice', 'guac', 'vmrc']) {
    const res = await app.inject({ method: 'GET', url: `/sunstone/${kind}?socket=d3M6Ly9h` });
    assert.equal(res.statusCode, 200, kind);
    assert.equal(res.headers['content-type'], 'text/html;charset=utf-8');
    assert.match(res.body, /<a href="\/sunstone\/">Back to Sunstone<\/a>/);
    assert.match(res.body, /FireEdge: <a href="https:\/\/fe\.example\.com">/);
  }
  const vnc = await app.inject({ method: 'GET', url: '/sunstone/vnc' });
  assert.match(vnc.body, /\/websockify\?token=/);
  const ws = await app.inject({ method: 'GET', url: '/sunstone/ws' });
  assert.equal(ws.statusCode, 204);
});

test('the FireEdge address is escaped, and its absence explained', () => {
  const page = consolePage('guac', '', 'https://x.example/"><script>');
  assert.ok(!page.includes('<script>'));
  assert.match(consolePage('spice', '', ''), /FireEdge, which is not configured/);
});
