// POST /:resource/:id/action (reference §3.5, §4.6), generic over the catalogue's actions: check the
// parameters (400, no oned call), read the object (404 when unreadable, as Sunstone), then perform
// the action: one call built from the spec, or the named procedure. 204 when the OCA method returns
// nil, 201 with the JSON of the value otherwise (a new id, a token, a `{"IMAGE":{"ID":"n"}}` stub),
// 500 with oned's message.
import type { FastifyInstance } from 'fastify';
import { actionOf, isCallAction, type ActionResult, type CallAction } from '../one/catalogue.js';
import type { XmlRpcValue } from '../one/codec.js';
import type { OneClient } from '../one/types.js';
import { actionArgs, actionParams, readActionBody, templateParam } from './action-args.js';
import type { OneDeps } from './deps.js';
import { ActionNotAvailableError } from './errors.js';
import { JSON_TYPE, prettyJson } from './json-reply.js';
import { integerParam, kindParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { isRequestError } from './request-error.js';
import { ACTION_PROCEDURES } from './procedures/registry.js';
import type { ActionReply } from './procedures/types.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

/** Sunstone's answer for a call's result (§4.4): nil -> 204, a value -> 201 JSON. */
export function replyFor(result: ActionResult, value: XmlRpcValue): ActionReply {
  if (result === 'none') return { status: 204 };
  if (result === 'value') return { status: 201, body: JSON.stringify(value) };
  // new_with_id(id).to_json: the stub document, pretty as every object Sunstone sends.
  return { status: 201, body: prettyJson({ [result.stub]: { ID: String(value) } }) };
}

async function perform(
  oneClient: OneClient,
  session: string,
  spec: CallAction,
  args: XmlRpcValue[],
): Promise<ActionReply> {
  return replyFor(spec.result, await oneClient.call(session, spec.method, args));
}

export interface ActionRoutesOptions extends OneDeps {
  /** Clock in epoch ms, for procedures that need one (2FA codes). */
  readonly now?: () => number;
}

export async function actionRoutes(app: FastifyInstance, opts: ActionRoutesOptions): Promise<void> {
  const now = opts.now ?? Date.now;

  app.post<{ Params: { resource: string; id: string } }>('/:resource/:id/action', async (request, reply) => {
    const oneClient = oneClientFor(request, opts.oneClient);
    const kind = kindParam(request.params.resource);
    const id = integerParam('id', request.params.id);
    const action = readActionBody(request.body);
    const spec = actionOf(kind, action.perform);
    // Everything the request says is checked (and templates built) before oned hears of it.
    const params = spec === undefined ? undefined : actionParams(spec, action.params);
    const args =
      spec !== undefined && params !== undefined && isCallAction(spec) ? actionArgs(spec, id, params) : [];
    if (spec !== undefined && params !== undefined && !isCallAction(spec)) {
      // Procedures build their templates later, from the object too: check the values now.
      for (const p of spec.params) if (p.type === 'object') templateParam(spec, p.name, params);
    }
    const session = sessionFor(request, opts.tokens);
    let object = {};
    try {
      // ACL rules cannot be read one by one: Ruby's Acl#info is a no-op, so there is nothing to read.
      if (kind.infoById) object = await oneClient.info(session, kind, id);
    } catch (err) {
      throw oneFailure(err, 404);
    }
    if (spec === undefined || params === undefined) throw new ActionNotAvailableError(action.perform);
    let answer: ActionReply;
    try {
      answer = isCallAction(spec)
        ? await perform(oneClient, session, spec, args)
        : await ACTION_PROCEDURES[spec.procedure]({
            oneClient,
            session,
            kind,
            spec,
            id,
            object,
            params,
            now,
          });
    } catch (err) {
      throw isRequestError(err) ? err : oneFailure(err, 500);
    }
    if (answer.status === 204) return reply.code(204).send();
    return reply.code(201).type(JSON_TYPE).send(answer.body);
  });
}
