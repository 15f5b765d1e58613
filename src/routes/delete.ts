// DELETE /:resource/:id (reference §3.5): read the object (404 when unreadable), then delete it as
// Sunstone does: vm = one.vm.recover(id, 3), templates without their images, images not forced, a
// host with running VMs refused before oned is asked. 204 without a body; 500 with oned's message.
import type { FastifyInstance } from 'fastify';
import type { DeleteSpec } from '../one/catalogue.js';
import type { XmlRpcValue } from '../one/codec.js';
import type { OneJson, OneJsonValue } from '../one/types.js';
import type { OneDeps } from './deps.js';
import { HostHasVmsError } from './errors.js';
import { integerParam, kindParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

function deleteArgs(spec: DeleteSpec, id: number): XmlRpcValue[] {
  return spec.args.map((a) => (a.from === 'literal' ? a.value : id));
}

function field(v: OneJsonValue | undefined, key: string): OneJsonValue | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v[key] : undefined;
}

/** HOST_SHARE/RUNNING_VMS as Ruby's `.to_i`: anything but a number counts as 0. */
export function runningVms(doc: OneJson, element: string): number {
  const v = field(field(doc[element], 'HOST_SHARE'), 'RUNNING_VMS');
  const n = typeof v === 'string' ? parseInt(v, 10) : NaN;
  return Number.isNaN(n) ? 0 : n;
}

export async function deleteRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  app.delete<{ Params: { resource: string; id: string } }>('/:resource/:id', async (request, reply) => {
    const oneClient = oneClientFor(request, opts.oneClient);
    const kind = kindParam(request.params.resource);
    const id = integerParam('id', request.params.id);
    const spec = kind.delete;
    const session = sessionFor(request, opts.tokens);
    if (spec.read) {
      let doc: OneJson;
      try {
        doc = await oneClient.info(session, kind, id);
      } catch (err) {
        throw oneFailure(err, 404);
      }
      if (spec.guard === 'no-running-vms' && runningVms(doc, kind.element) !== 0) throw new HostHasVmsError();
    }
    try {
      await oneClient.call(session, spec.method, deleteArgs(spec, id));
    } catch (err) {
      throw oneFailure(err, 500);
    }
    return reply.code(204).send();
  });
}
