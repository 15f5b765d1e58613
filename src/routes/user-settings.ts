// POST /config (reference sunstone-server.md §3.3): the UI saves the user's settings (language,
// table order, default view ... in the user template's SUNSTONE vector) with an action body
// `{"action":{"perform":"update","params":{"template_raw":"...","append":true}}}` applied to the
// session's own user (read as SELF, -1, then acted on by its id, as OCA does). Then the user is read again and the session takes the new
// language and display name. 204.
//
// Deliberate difference: Ruby Sunstone ignored the action's result, so a refused update still
// answered 204 and the settings silently did not stick. Here a refusal is reported: 400 for a bad
// body, 500 with oned's message when oned refuses, 503 when oned cannot be reached.
import type { FastifyInstance } from 'fastify';
import { actionOf, isCallAction, kindByUrl, type ResourceKind } from '../one/catalogue.js';
import type { OneJson } from '../one/types.js';
import { actionArgs, actionParams, readActionBody, templateParam } from './action-args.js';
import type { OneDeps } from './deps.js';
import { ActionNotAvailableError } from './errors.js';
import { oneFailure } from './one-failure.js';
import { isObject, textAt } from './one-json.js';
import { ACTION_PROCEDURES } from './procedures/registry.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

/** oned's id for "the user making the call": one.user.info accepts it, the update methods do not. */
const SELF = -1;

/** USER/ID of a user document (OCA takes the object's id from its info, then acts on that). */
function userId(doc: OneJson): number {
  const id = Number(isObject(doc.USER) ? textAt(doc.USER, 'ID') : undefined);
  return Number.isSafeInteger(id) ? id : SELF;
}

/** What the session learns from the user document after a change (Sunstone's refresh). */
export function refreshedFields(doc: OneJson): { lang?: string; display_name?: string } {
  const user = doc.USER;
  if (!isObject(user)) return {};
  const lang = textAt(user, 'TEMPLATE/SUNSTONE/LANG');
  const display = textAt(user, 'TEMPLATE/SUNSTONE/DISPLAY_NAME') ?? textAt(user, 'NAME');
  return {
    ...(lang === undefined || lang === '' ? {} : { lang }),
    ...(display === undefined || display === '' ? {} : { display_name: display }),
  };
}

export async function userSettingsRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  const user = kindByUrl('user') as ResourceKind;

  app.post('/config', async (request, reply) => {
    const action = readActionBody(request.body);
    const spec = actionOf(user, action.perform);
    if (spec === undefined) throw new ActionNotAvailableError(action.perform);
    const params = actionParams(spec, action.params);
    if (!isCallAction(spec))
      for (const p of spec.params) if (p.type === 'object') templateParam(spec, p.name, params);
    const oneClient = oneClientFor(request, opts.oneClient);
    const session = sessionFor(request, opts.tokens);
    let object: OneJson;
    try {
      object = await oneClient.info(session, user, SELF);
    } catch (err) {
      throw oneFailure(err, 404);
    }
    const id = userId(object);
    try {
      if (isCallAction(spec)) await oneClient.call(session, spec.method, actionArgs(spec, id, params));
      else
        await ACTION_PROCEDURES[spec.procedure]({ oneClient, session, kind: user, spec, id, object, params });
    } catch (err) {
      throw oneFailure(err, 500);
    }
    let doc: OneJson;
    try {
      doc = await oneClient.info(session, user, SELF);
    } catch (err) {
      throw oneFailure(err, 500);
    }
    const live = request.session;
    if (live !== null) {
      live.data = { ...live.data, ...refreshedFields(doc) };
      await app.sessions.update(request, reply, live);
    }
    return reply.code(204).send();
  });
}
