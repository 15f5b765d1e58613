// POST /:resource/:id/action (reference §3.5, §4.6), generic over the catalogue's actions: check the
// parameters (400, no oned call), read the object (404 when unreadable, as Sunstone), then call oned.
// 204 when oned only echoes the id, 201 with the JSON of any other result, 500 with oned's message.
import type { FastifyInstance } from 'fastify';
import { actionOf } from '../one/catalogue.js';
import type { XmlRpcValue } from '../one/codec.js';
import { actionArgs, actionParams, readActionBody } from './action-args.js';
import type { OneDeps } from './deps.js';
import { ActionNotAvailableError } from './errors.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam, kindParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { sessionFor } from './user-session.js';

/** OCA methods return nil when oned answers with the object's id (or nothing): Sunstone then says 204. */
function isPlainAck(result: XmlRpcValue, id: number): boolean {
  return result === null || result === true || result === id;
}

export async function actionRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  const { oneClient } = opts;

  app.post<{ Params: { resource: string; id: string } }>('/:resource/:id/action', async (request, reply) => {
    const kind = kindParam(request.params.resource);
    const id = integerParam('id', request.params.id);
    const action = readActionBody(request.body);
    const spec = actionOf(kind, action.perform);
    const args = spec === undefined ? undefined : actionArgs(spec, id, actionParams(spec, action.params));
    const session = sessionFor(request, opts.tokens);
    try {
      await oneClient.info(session, kind, id);
    } catch (err) {
      throw oneFailure(err, 404);
    }
    if (spec === undefined || args === undefined) throw new ActionNotAvailableError(action.perform);
    let result: XmlRpcValue;
    try {
      result = await oneClient.call(session, spec.method, args);
    } catch (err) {
      throw oneFailure(err, 500);
    }
    if (isPlainAck(result, id)) return reply.code(204).send();
    return reply.code(201).type(JSON_TYPE).send(JSON.stringify(result));
  });
}
