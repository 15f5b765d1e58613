// POST /:pool (reference §3.5, §4.5): create from the JSON body (or its raw template), then read the
// new object back. 201 with the object as GET /:resource/:id shows it; when the read fails, 201 with
// `{"<ELEMENT>":{"ID":"<id>"}}`; 400 for a malformed body (never sent to oned); 500 with oned's
// message when oned refuses; 404 for an unknown kind.
import type { FastifyInstance } from 'fastify';
import type { ResourceKind } from '../one/catalogue.js';
import { toSunstonePrettyJson } from '../one/json-text.js';
import type { OneClient } from '../one/types.js';
import { createArgs, readCreateBody, type CreateRequest } from './create-body.js';
import type { OneDeps } from './deps.js';
import { JSON_TYPE, prettyJson } from './json-reply.js';
import { kindParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { isRequestError } from './request-error.js';
import { CREATE_PROCEDURES } from './procedures/registry.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

/** The allocate step: one call, or the kind's procedure. Resolves with the new id. */
async function allocate(
  oneClient: OneClient,
  session: string,
  kind: ResourceKind,
  req: CreateRequest,
): Promise<number> {
  const spec = kind.create;
  if ('procedure' in spec) {
    return CREATE_PROCEDURES[spec.procedure]({
      oneClient,
      session,
      kind,
      spec,
      value: req.value,
      body: req.body,
    });
  }
  // Build (and so check) every argument before calling oned.
  const args = createArgs(kind, spec, req);
  return Number(await oneClient.call(session, spec.method, args));
}

export async function createRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  app.post<{ Params: { pool: string } }>('/:pool', async (request, reply) => {
    const oneClient = oneClientFor(request, opts.oneClient);
    const kind = kindParam(request.params.pool);
    const req = readCreateBody(kind, request.body);
    const session = sessionFor(request, opts.tokens);
    let id: number;
    try {
      id = await allocate(oneClient, session, kind, req);
    } catch (err) {
      throw isRequestError(err) ? err : oneFailure(err, 500);
    }
    reply.code(201).type(JSON_TYPE);
    if (kind.infoById) {
      try {
        return reply.send(toSunstonePrettyJson(await oneClient.info(session, kind, id)));
      } catch {
        // Created but not readable (e.g. the owner changed at once): Sunstone's stub answer.
      }
    }
    return reply.send(prettyJson({ [kind.element]: { ID: String(id) } }));
  });
}
