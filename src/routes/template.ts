// GET /:resource/:id/template (reference §3.5): the object's TEMPLATE as template text, in
// `{"template":"..."}` (compact, as Sunstone's Hash#to_json). 404 for any read error, as Sunstone.
// The text is rendered from oned's XML, not from the JSON form, so attribute order is oned's.
import type { FastifyInstance } from 'fastify';
import { renderTemplate } from '../one/template-render.js';
import type { OneDeps } from './deps.js';
import { UnknownResourceError } from './errors.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam, kindParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

export async function templateRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  app.get<{ Params: { resource: string; id: string } }>('/:resource/:id/template', async (request, reply) => {
    const oneClient = oneClientFor(request, opts.oneClient);
    const kind = kindParam(request.params.resource);
    const id = integerParam('id', request.params.id);
    // ACL rules cannot be read one by one and have no template (Ruby Sunstone fails here too).
    if (!kind.infoById) throw new UnknownResourceError(`${kind.url} template`);
    const method = `one.${kind.rpc}.info`;
    let xml;
    try {
      xml = await oneClient.call(sessionFor(request, opts.tokens), method, [id]);
    } catch (err) {
      throw oneFailure(err, 404);
    }
    const template = renderTemplate(String(xml), `the answer to ${method}`);
    return reply.type(JSON_TYPE).send(JSON.stringify({ template }));
  });
}
