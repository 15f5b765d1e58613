// The first step of every per-VM route (consoles, log): read the VM as the session user, at the
// session's zone. Sunstone answers 404 for any failure of that read (reference §4.4); an oned that
// cannot be reached is 503 (oneFailure).
import type { FastifyRequest } from 'fastify';
import { kindByUrl, type ResourceKind } from '../one/catalogue.js';
import type { OneJson } from '../one/types.js';
import type { OneDeps } from './deps.js';
import { oneFailure } from './one-failure.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

const VM_KIND = kindByUrl('vm') as ResourceKind;

export async function readVmAsUser(request: FastifyRequest, deps: OneDeps, id: number): Promise<OneJson> {
  try {
    return await oneClientFor(request, deps.oneClient).info(sessionFor(request, deps.tokens), VM_KIND, id);
  } catch (err) {
    throw oneFailure(err, 404);
  }
}
