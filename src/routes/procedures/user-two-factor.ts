// User actions enable_two_factor_auth and disable_two_factor_auth (reference §4.6). Enrolment keeps
// Ruby Sunstone's storage, so either server reads the other's users: the base32 secret in the user
// template at SUNSTONE/TWO_FACTOR_AUTH_SECRET. Before saving, the code from the authenticator app is
// checked against the secret (a typo in the secret would otherwise lock the user out at the next
// login). The SUNSTONE vector is rewritten whole with a merge update (oned replaces a vector of the
// same name), starting from the user's current settings as the route read them just before, so the
// user's other settings (LANG, DEFAULT_VIEW ...) stay. `current_sunstone_setting`, which Ruby's UI
// sends, is accepted and ignored: the object read by the route is fresher than the browser's copy.
import { TwoFactorCodeError, TwoFactorSecretError } from '../../auth/errors.js';
import { WEBAUTHN_CREDENTIALS_KEY } from '../../auth/second-factor.js';
import { checkTotp, isTotpSecret, sunstoneSettingsOf, TWO_FACTOR_SECRET_KEY } from '../../auth/totp.js';
import type { XmlRpcValue } from '../../one/codec.js';
import { jsonToTemplate, type JsonValue } from '../../one/template-text.js';
import type { OneJson } from '../../one/types.js';
import type { ActionProcedure, ActionProcedureContext, ActionReply } from './types.js';

/** `SUNSTONE=[...]` for a merge update; `SUNSTONE=[]` empties it (as Sunstone's explicit empty value). */
export function sunstoneTemplate(settings: OneJson): string {
  const text = jsonToTemplate({ SUNSTONE: settings as Record<string, JsonValue> });
  return text === '' ? 'SUNSTONE=[]' : text;
}

function text(params: ReadonlyMap<string, XmlRpcValue>, name: string): string {
  const v = params.get(name);
  return typeof v === 'string' ? v : '';
}

async function saveSettings(ctx: ActionProcedureContext, settings: OneJson): Promise<ActionReply> {
  // one.user.update(id, template, 1 = merge)
  await ctx.oneClient.call(ctx.session, 'one.user.update', [ctx.id, sunstoneTemplate(settings), 1]);
  return { status: 204 };
}

/** Params: secret (base32), token (the app's current code). */
export const enableTwoFactorAuth: ActionProcedure = async (ctx) => {
  const secret = text(ctx.params, 'secret').replace(/\s/g, '').toUpperCase();
  if (!isTotpSecret(secret)) throw new TwoFactorSecretError();
  const now = ctx.now ?? Date.now;
  if (!checkTotp(secret, text(ctx.params, 'token'), now())) throw new TwoFactorCodeError();
  return saveSettings(ctx, { ...sunstoneSettingsOf(ctx.object), [TWO_FACTOR_SECRET_KEY]: secret });
};

/** Params: delete_all (boolean: also remove the WebAuthn security keys, which this server cannot check). */
export const disableTwoFactorAuth: ActionProcedure = async (ctx) => {
  const settings: OneJson = { ...sunstoneSettingsOf(ctx.object) };
  delete settings[TWO_FACTOR_SECRET_KEY];
  if (ctx.params.get('delete_all') === true) delete settings[WEBAUTHN_CREDENTIALS_KEY];
  return saveSettings(ctx, settings);
};
