// TOTP at login (erin is seeded with SUNSTONE/TWO_FACTOR_AUTH_SECRET, as Ruby Sunstone enrolled
// users), the QR code, and enrolment/removal through the user actions, on an injected clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import QRCode from 'qrcode';
import { totpCode, totpUri } from '../../../src/auth/totp.js';
import { ERIN_TOTP_SECRET } from '../../../src/oned-sim/seed-login-users.js';
import { basic, buildTestApp, sessionCookie, type TestApp } from '../../helpers/app.js';

const T0 = Date.UTC(2026, 5, 1, 12, 0, 10); // 10 s into a 30 s step
const STEP = 30_000;

function login(app: TestApp, user: string, password: string, code?: string) {
  return app.app.inject({
    method: 'POST',
    url: '/login',
    headers: { authorization: basic(user, password), 'content-type': 'application/x-www-form-urlencoded' },
    payload: code === undefined ? 'remember=false' : `remember=false&two_factor_auth_token=${code}`,
  });
}

/** A code of `secret` at `at` that is none of the codes valid at `now` (so a refusal is certain). */
function codeOutsideWindow(secret: string, at: number, now: number): string | undefined {
  const code = totpCode(secret, at);
  const valid = [-1, 0, 1].map((s) => totpCode(secret, now + s * STEP));
  return valid.includes(code) ? undefined : code;
}

test('2FA login: 202 without a code, 401 for a wrong one, 204 for the current and the previous step', async (t) => {
  let now = T0;
  const app = await buildTestApp(t, { now: () => now });
  const ask = await login(app, 'erin', 'erin');
  assert.equal(ask.statusCode, 202);
  assert.deepEqual(ask.json(), { code: 'two_factor_auth', uid: 6 });
  assert.equal(sessionCookie(ask), undefined);

  const wrong = codeOutsideWindow(ERIN_TOTP_SECRET, now + 10 * STEP, now) ?? '000000';
  const bad = await login(app, 'erin', 'erin', wrong);
  assert.equal(bad.statusCode, 401);
  assert.equal(bad.body, 'Two factor authentication failed');
  assert.equal(sessionCookie(bad), undefined);
  assert.equal((await login(app, 'erin', 'erin', 'abcdef')).statusCode, 401);
  assert.equal((await login(app, 'erin', 'wrong', totpCode(ERIN_TOTP_SECRET, now))).statusCode, 401);

  assert.equal((await login(app, 'erin', 'erin', totpCode(ERIN_TOTP_SECRET, now))).statusCode, 204);
  // The phone is a step behind (or the code was typed as the step ended): still accepted.
  assert.equal((await login(app, 'erin', 'erin', totpCode(ERIN_TOTP_SECRET, now - STEP))).statusCode, 204);
  assert.equal((await login(app, 'erin', 'erin', totpCode(ERIN_TOTP_SECRET, now + STEP))).statusCode, 204);
  const stale = codeOutsideWindow(ERIN_TOTP_SECRET, now - 2 * STEP, now);
  if (stale !== undefined) assert.equal((await login(app, 'erin', 'erin', stale)).statusCode, 401);
  // The same code a minute later is two steps old.
  const code = totpCode(ERIN_TOTP_SECRET, now);
  now += 2 * STEP;
  if (codeOutsideWindow(ERIN_TOTP_SECRET, now - 2 * STEP, now) !== undefined) {
    assert.equal((await login(app, 'erin', 'erin', code)).statusCode, 401);
  }
});

test('2FA login: a code that logged in once is refused while it is still valid', async (t) => {
  let now = T0;
  const app = await buildTestApp(t, { now: () => now });
  const code = totpCode(ERIN_TOTP_SECRET, now);
  assert.equal((await login(app, 'erin', 'erin', code)).statusCode, 204);
  const again = await login(app, 'erin', 'erin', code);
  assert.equal(again.statusCode, 401);
  assert.equal(again.body, 'Two factor authentication failed');
  assert.equal(sessionCookie(again), undefined);
  // Spaces do not make it a new code, nor does the next step in which it is still accepted.
  assert.equal((await login(app, 'erin', 'erin', `${code.slice(0, 3)} ${code.slice(3)}`)).statusCode, 401);
  now += STEP;
  assert.equal((await login(app, 'erin', 'erin', code)).statusCode, 401);
  // The code of the new step is a new code.
  assert.equal((await login(app, 'erin', 'erin', totpCode(ERIN_TOTP_SECRET, now))).statusCode, 204);
});

test('2FA applies in every mode (here sunstone)', async (t) => {
  const app = await buildTestApp(t, { now: () => T0, config: { auth: 'sunstone' } });
  assert.equal((await login(app, 'erin', 'erin')).statusCode, 202);
  assert.equal((await login(app, 'erin', 'erin', totpCode(ERIN_TOTP_SECRET, T0))).statusCode, 204);
});

test('QR code: SVG of the otpauth URI (issuer from the config, account = session user), session needed', async (t) => {
  const app = await buildTestApp(t, { config: { two_factor_auth_issuer: 'ACME Cloud' } });
  const s = await app.login('demo', 'demo');
  const secret = 'KRSXG5CTMVRXEZLU';
  const res = await app.app.inject({
    url: `/two_factor_auth_hotp_qr_code?secret=${secret}`,
    headers: s.headers,
  });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^image\/svg\+xml/);
  assert.equal(res.headers['cache-control'], 'no-store');
  const expected = await QRCode.toString(totpUri(secret, 'ACME Cloud', 'demo'), {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  assert.equal(res.body, expected);
  assert.match(totpUri(secret, 'ACME Cloud', 'demo'), /^otpauth:\/\/totp\/ACME%20Cloud:demo\?/);

  const bad = await app.app.inject({
    url: '/two_factor_auth_hotp_qr_code?secret=not-base32!',
    headers: s.headers,
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /base32/);
  const anonymous = await app.app.inject({ url: `/two_factor_auth_hotp_qr_code?secret=${secret}` });
  assert.equal(anonymous.statusCode, 401);
});

test('enable_two_factor_auth checks the code before saving; disable removes it; other settings stay', async (t) => {
  const now = T0;
  const app = await buildTestApp(t, { now: () => now });
  const s = await app.login('demo', 'demo');
  const action = (perform: string, params: Record<string, unknown>) =>
    app.app.inject({
      method: 'POST',
      url: '/user/2/action',
      headers: { ...s.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ action: { perform, params } }),
    });
  const sunstone = async () =>
    (await app.app.inject({ url: '/user/2', headers: s.headers })).json().USER.TEMPLATE.SUNSTONE ?? {};
  assert.equal(
    (await action('update', { template_raw: 'SUNSTONE=[ LANG="es_ES" ]', append: true })).statusCode,
    204,
  );

  const secret = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
  const wrong = codeOutsideWindow(secret, now + 10 * STEP, now) ?? '000000';
  const refused = await action('enable_two_factor_auth', {
    secret,
    token: wrong,
    current_sunstone_setting: {},
  });
  assert.equal(refused.statusCode, 500, 'an action error, as Sunstone answers them');
  assert.match(refused.json().error.message, /^Invalid token/);
  assert.deepEqual(await sunstone(), { LANG: 'es_ES' }, 'nothing saved');
  assert.equal(
    (await action('enable_two_factor_auth', { secret: 'nope!', token: '123456' })).statusCode,
    500,
  );

  const ok = await action('enable_two_factor_auth', { secret, token: totpCode(secret, now) });
  assert.equal(ok.statusCode, 204, ok.body);
  assert.deepEqual(await sunstone(), { LANG: 'es_ES', TWO_FACTOR_AUTH_SECRET: secret });
  assert.equal((await login(app, 'demo', 'demo')).statusCode, 202);
  assert.equal((await login(app, 'demo', 'demo', totpCode(secret, now))).statusCode, 204);

  assert.equal((await action('disable_two_factor_auth', { current_sunstone_setting: {} })).statusCode, 204);
  assert.deepEqual(await sunstone(), { LANG: 'es_ES' });
  assert.equal((await login(app, 'demo', 'demo')).statusCode, 204);
});

test("an administrator removes a user's 2FA; a SUNSTONE left empty is written as SUNSTONE=[]", async (t) => {
  const app = await buildTestApp(t, { now: () => T0 });
  const admin = await app.login('oneadmin', 'opennebula');
  const act = (id: number, perform: string, params: Record<string, unknown>) =>
    app.app.inject({
      method: 'POST',
      url: `/user/${id}/action`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ action: { perform, params } }),
    });
  const sunstoneOf = async (id: number) =>
    (await app.app.inject({ url: `/user/${id}`, headers: admin.headers })).json().USER.TEMPLATE.SUNSTONE;

  assert.equal((await login(app, 'erin', 'erin')).statusCode, 202);
  assert.equal((await act(6, 'disable_two_factor_auth', { delete_all: true })).statusCode, 204);
  assert.deepEqual(await sunstoneOf(6), { LANG: 'en_US' });
  assert.equal((await login(app, 'erin', 'erin')).statusCode, 204);

  // alice has no SUNSTONE settings: enrol, then remove, leaves an empty vector.
  const secret = 'KRSXG5CTMVRXEZLU';
  assert.equal(
    (await act(3, 'enable_two_factor_auth', { secret, token: totpCode(secret, T0) })).statusCode,
    204,
  );
  assert.deepEqual(await sunstoneOf(3), { TWO_FACTOR_AUTH_SECRET: secret });
  assert.equal((await act(3, 'disable_two_factor_auth', {})).statusCode, 204);
  assert.deepEqual((await sunstoneOf(3)) ?? {}, {});
  assert.equal((await login(app, 'alice', 'alice')).statusCode, 204);
});

test('a user with WebAuthn keys and no TOTP secret: 202, then refused (keys cannot be checked here)', async (t) => {
  const app = await buildTestApp(t, { now: () => T0 });
  const keys = "{'cs':[{'id':'abc','pk':'pem','cnt':0,'name':'yubikey'}]}";
  await app.app.oneClient.call('demo:demo', 'one.user.update', [
    2,
    `SUNSTONE=[ WEBAUTHN_CREDENTIALS="${keys}" ]`,
    1,
  ]);
  assert.equal((await login(app, 'demo', 'demo')).statusCode, 202);
  const res = await login(app, 'demo', 'demo', '123456');
  assert.equal(res.statusCode, 401);
  assert.equal(res.body, 'Two factor authentication failed');
});
