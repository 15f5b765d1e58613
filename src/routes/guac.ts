// POST /vm/:id/guac/:type (reference sunstone-server.md §3.8): a Guacamole token for FireEdge, which
// runs the console (guacd); this server only vouches for the connection. The VM is read as the
// session user (404 when it cannot), checked (400s, src/routes/guac-connection.ts), and the answer
// is Sunstone's `{"token","info"}`. The key is FireEdge's VAR/.one/fireedge_key, read per request
// (FireEdge may create or rotate it); without it the answer is 400 saying where it is expected.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { OneDeps } from './deps.js';
import { FireEdgeKeyError } from './errors.js';
import { encryptGuacToken, guacConnection, guacType } from './guac-connection.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam } from './kind-param.js';
import { readVmAsUser } from './read-vm.js';
import { remoteInfo } from './vnc-console.js';

export interface GuacRoutesOptions extends OneDeps {
  /** VAR_LOCATION: the key is VAR/.one/fireedge_key. */
  readonly varDir: string;
}

/** FireEdge's key: the file's text (32 characters), trailing whitespace ignored. */
export async function readFireEdgeKey(path: string): Promise<Buffer> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    throw new FireEdgeKeyError(path, code === 'ENOENT' ? 'not found' : `cannot be read: ${code}`, err);
  }
  const key = Buffer.from(text.trimEnd(), 'utf8');
  if (key.length !== 32) {
    throw new FireEdgeKeyError(path, `has ${key.length} bytes, AES-256 needs 32`);
  }
  return key;
}

export async function guacRoutes(app: FastifyInstance, opts: GuacRoutesOptions): Promise<void> {
  const keyFile = join(opts.varDir, '.one', 'fireedge_key');
  app.post<{ Params: { id: string; type: string } }>('/vm/:id/guac/:type', async (request, reply) => {
    const id = integerParam('id', request.params.id);
    const type = guacType(request.params.type);
    const vm = await readVmAsUser(request, opts, id);
    const connection = guacConnection(vm, type);
    const token = encryptGuacToken(connection, await readFireEdgeKey(keyFile));
    request.log.info(`Guacamole ${type} token for VM ${id} issued to ${request.user?.name ?? ''}`);
    return reply.type(JSON_TYPE).send(JSON.stringify({ token, info: remoteInfo(vm) }));
  });
}
