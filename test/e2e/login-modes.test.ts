// The login page in a real Chromium for what issue #3 added on the server: the two-factor step
// (erin, enrolled in TOTP as Ruby Sunstone enrols users: a wrong code, then the right one), the
// failed-login limit (429 + Retry-After in words), and `:auth: remote`, where the page has no
// user/password fields and the web server in front names the user. Screenshots in test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import type { Page, Request } from 'playwright-core';
import type { Simulator } from '../../src/oned-sim/main.js';
import { basic } from '../helpers/app.js';
import { CHROMIUM_SKIP, launchChromium } from './chromium.js';
import { ensureUiBuilt } from './ui-build.js';
import { startUiStack } from './ui-stack.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = join(ROOT, 'test-results');
const LAPTOP = { width: 1366, height: 768 };
/** Generous upper bounds for things to appear: waits end as soon as they do (no timing asserted). */
const WAIT = { timeout: 20_000 };
const STEP_MS = 30_000;

/** erin's secret as the simulator holds it: TEMPLATE/SUNSTONE/TWO_FACTOR_AUTH_SECRET of her user. */
function totpSecretOf(sim: Simulator, user: string): string {
  const secret = sim.core.state.userByName(user)?.template.vector('SUNSTONE')?.get('TWO_FACTOR_AUTH_SECRET');
  assert.ok(secret, `the simulator seeds ${user} with SUNSTONE/TWO_FACTOR_AUTH_SECRET`);
  return secret;
}

function totpAt(secret: string, timestamp: number): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp });
}

/** A 6-digit code that is none of the codes of the steps around `at` (so a refusal is certain). */
function wrongCode(secret: string, at: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map((s) => totpAt(secret, at + s * STEP_MS)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/** What the page sent to POST /login: its Authorization header and form body. */
interface LoginPost {
  readonly authorization: string | undefined;
  readonly body: string;
}

function recordLogins(page: Page): LoginPost[] {
  const posts: LoginPost[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/login') {
      posts.push({ authorization: r.headers().authorization, body: r.postData() ?? '' });
    }
  });
  return posts;
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SHOTS, `login-${name}.png`) });
}

test(
  'login page in Chromium: two-factor code, failed-login limit, :auth remote',
  { skip: CHROMIUM_SKIP },
  async (t) => {
    ensureUiBuilt(ROOT);
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launchChromium(t);

    await t.test('erin: a wrong TOTP code is refused, the right one lands on the VM list', async (t) => {
      // The server's clock stands still at the real time: the codes computed here are the server's
      // codes, and every failed login falls into the same limiter window.
      const t0 = Date.now();
      const stack = await startUiStack(t, ROOT, 20, { now: () => t0 });
      const secret = totpSecretOf(stack.test.sim, 'erin');
      const page = await (await browser.newContext({ viewport: LAPTOP, colorScheme: 'light' })).newPage();
      const posts = recordLogins(page);
      await page.goto(`${stack.url}/`);

      await page.getByLabel('Username').fill('erin');
      await page.getByLabel('Password').fill('erin');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const codeField = page.getByLabel('6-digit code from your authenticator app');
      await codeField.waitFor(WAIT);
      assert.equal(await codeField.getAttribute('autocomplete'), 'one-time-code');
      assert.equal(await codeField.getAttribute('inputmode'), 'numeric');
      await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor(WAIT);
      await shot(page, 'two-factor-1366x768');

      await codeField.fill(wrongCode(secret, t0));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('alert').filter({ hasText: 'Two factor authentication failed' }).waitFor(WAIT);
      assert.equal(await codeField.inputValue(), '', 'the refused code is cleared for the next try');
      await shot(page, 'two-factor-refused-1366x768');

      const code = totpAt(secret, t0);
      await codeField.fill(code);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('grid', { name: 'Virtual machines' }).waitFor(WAIT);
      await page.getByRole('button', { name: 'Account: erin' }).waitFor(WAIT);
      await shot(page, 'two-factor-signed-in-1366x768');

      // Every step sent the same credentials; the code went as two_factor_auth_token.
      assert.equal(posts.length, 3);
      for (const p of posts) assert.equal(p.authorization, basic('erin', 'erin'));
      assert.equal(posts[0]?.body, 'remember=false');
      assert.equal(posts[2]?.body, `remember=false&two_factor_auth_token=${code}`);

      await t.test('too many failed logins: the page says how many minutes to wait', async () => {
        // Ten refusals for one name (the limiter's per-user limit), through the API as a script would.
        for (let i = 0; i < 10; i++) {
          const res = await stack.test.app.inject({
            method: 'POST',
            url: '/login',
            headers: {
              authorization: basic('mallory', `guess-${i}`),
              'content-type': 'application/x-www-form-urlencoded',
            },
            payload: 'remember=false',
          });
          assert.equal(res.statusCode, 401, `guess ${i}`);
        }
        const other = await (await browser.newContext({ viewport: LAPTOP, colorScheme: 'light' })).newPage();
        await other.goto(`${stack.url}/`);
        await other.getByLabel('Username').fill('mallory');
        await other.getByLabel('Password').fill('right-this-time');
        const answer = other.waitForResponse((r) => new URL(r.url()).pathname === '/login');
        await other.getByRole('button', { name: 'Sign in' }).click();
        const res = await answer;
        assert.equal(res.status(), 429);
        const seconds = Number(res.headers()['retry-after']);
        assert.ok(seconds > 0, `Retry-After: ${res.headers()['retry-after']}`);
        const minutes = Math.ceil(seconds / 60);
        const words = minutes === 1 ? '1 minute' : `${minutes} minutes`;
        await other
          .getByRole('alert')
          .filter({ hasText: `Too many failed logins; try again in ${words}` })
          .waitFor(WAIT);
        await shot(other, 'limited-1366x768');
      });
    });

    await t.test(':auth remote: no password fields, the button signs carol in', async (t) => {
      const stack = await startUiStack(t, ROOT, 20, { config: { auth: 'remote' } });
      // The browser cannot set the header itself: here it plays the web server in front (a trusted
      // proxy on loopback, the default :trusted_proxies) that names the user on every request.
      const ctx = await browser.newContext({
        viewport: LAPTOP,
        colorScheme: 'light',
        extraHTTPHeaders: { 'X-Auth-Username': 'carol' },
      });
      const page = await ctx.newPage();
      const posts = recordLogins(page);
      await page.goto(`${stack.url}/`);
      const signIn = page.getByRole('button', { name: 'Sign in' });
      await signIn.waitFor(WAIT);
      assert.equal(await page.getByLabel('Username').count(), 0);
      assert.equal(await page.getByLabel('Password').count(), 0);
      assert.equal(await page.locator('input[type="password"]').count(), 0);
      const keep = page.getByLabel('Keep me logged in');
      assert.equal(await keep.isChecked(), false);
      await shot(page, 'remote-1366x768');

      await keep.check();
      await signIn.click();
      await page.getByRole('grid', { name: 'Virtual machines' }).waitFor(WAIT);
      await page.getByRole('button', { name: 'Account: carol' }).waitFor(WAIT);
      await shot(page, 'remote-signed-in-1366x768');
      assert.deepEqual(posts, [{ authorization: undefined, body: 'remember=true' }]);

      // Without the web server's word the same button is refused, and the page says why in words.
      const bare = await (await browser.newContext({ viewport: LAPTOP, colorScheme: 'light' })).newPage();
      await bare.goto(`${stack.url}/`);
      await bare.getByRole('button', { name: 'Sign in' }).click();
      await bare.getByRole('alert').filter({ hasText: 'could not tell who you are' }).waitFor(WAIT);
      await shot(bare, 'remote-refused-1366x768');
    });
  },
);
