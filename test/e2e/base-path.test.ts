// The web UI in a real Chromium under :base_path behind the shipped nginx configuration
// (config/nginx-load-balancer.conf: TLS with a self-signed certificate, /sunstone): the page and its
// assets load from the sub-path, login works, the API calls stay under the prefix, and the session
// cookie is Secure and scoped to /sunstone (issue #3 §5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTestApp } from '../helpers/app.js';
import { NGINX_BIN } from '../helpers/nginx.js';
import { startLoadBalancer } from '../helpers/nginx-load-balancer.js';
import { CHROMIUM_SKIP, launchChromium } from './chromium.js';
import { ensureUiBuilt } from './ui-build.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WAIT = { timeout: 20_000 };

const skip =
  CHROMIUM_SKIP !== false
    ? CHROMIUM_SKIP
    : !existsSync(NGINX_BIN)
      ? `${NGINX_BIN} is missing (apt-get install nginx)`
      : false;

test(
  'web UI under /sunstone behind nginx (HTTPS) in Chromium: loads, logs in, stays under the prefix',
  { skip },
  async (t) => {
    ensureUiBuilt(ROOT);
    const { app, publicDir } = await buildTestApp(t, {
      vms: 20,
      config: { base_path: '/sunstone', trusted_proxies: ['127.0.0.1'] },
    });
    cpSync(join(ROOT, 'public', 'index.html'), join(publicDir, 'index.html'));
    cpSync(join(ROOT, 'public', 'assets'), join(publicDir, 'assets'), { recursive: true });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    if (addr === null || typeof addr !== 'object') throw new Error('the test app is not on TCP');
    const backend = `127.0.0.1:${addr.port}`;
    const { httpsPort } = await startLoadBalancer(t, [backend, backend]);

    const browser = await launchChromium(t);
    // The certificate is self-signed: the test trusts it the way an administrator would accept it.
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    const origin = `https://localhost:${httpsPort}`;
    const outside: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      // `/sunstone` itself is the address typed below, which the server redirects.
      if (u.origin === origin && !u.pathname.startsWith('/sunstone/') && u.pathname !== '/sunstone') {
        outside.push(u.pathname);
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url().startsWith(origin)) failed.push(`${r.status()} ${r.url()}`);
    });

    // The bare prefix, as a user would type it: redirected to /sunstone/.
    await page.goto(`${origin}/sunstone`);
    assert.equal(new URL(page.url()).pathname, '/sunstone/');
    await page.getByLabel('Username').fill('demo');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[role="row"][data-vm-id]').first().waitFor(WAIT);
    await page.getByRole('button', { name: 'Account: demo' }).waitFor(WAIT);

    // A reload keeps the session: the cookie is sent back on the sub-path.
    await page.reload();
    await page.locator('[role="row"][data-vm-id]').first().waitFor(WAIT);

    const cookie = (await ctx.cookies(`${origin}/sunstone/`)).find((c) => c.name === 'sunstone');
    assert.ok(cookie, 'the session cookie is set');
    assert.equal(cookie.path, '/sunstone');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.httpOnly, true);
    assert.deepEqual(outside, [], 'every request of the UI stays under /sunstone/');
    assert.deepEqual(failed, [], 'no request of the UI failed');
  },
);
