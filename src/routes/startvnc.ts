// POST /vm/:id/startvnc (reference sunstone-server.md §3.8, §9): reads the VM as the session user
// (404 with oned's message when it cannot), checks that it can have a console (Sunstone's 400s),
// and answers Sunstone's `{"password","token","info"}`. The token is a ticket in the session store
// (src/vnc/tokens.ts) for this user and this VM's VNC server; the built-in proxy redeems it on
// /websockify (main port) or on :vnc_proxy_port. No "VNC Proxy is not running" check: the proxy is
// part of this server.
import type { FastifyInstance } from 'fastify';
import type { VncTokens } from '../vnc/tokens.js';
import type { OneDeps } from './deps.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam } from './kind-param.js';
import { readVmAsUser } from './read-vm.js';
import { consoleTarget, remoteInfo } from './vnc-console.js';

export interface StartVncOptions extends OneDeps {
  readonly vncTokens: VncTokens;
}

export async function startVncRoutes(app: FastifyInstance, opts: StartVncOptions): Promise<void> {
  app.post<{ Params: { id: string } }>('/vm/:id/startvnc', async (request, reply) => {
    const id = integerParam('id', request.params.id);
    const vm = await readVmAsUser(request, opts, id);
    const target = consoleTarget(vm);
    const user = request.user?.name ?? '';
    const token = await opts.vncTokens.issue({ user, vm: id, host: target.host, port: target.port });
    request.log.info(`VNC token for VM ${id} (${target.host}:${target.port}) issued to ${user}`);
    return reply
      .type(JSON_TYPE)
      .send(JSON.stringify({ password: target.password, token, info: remoteInfo(vm) }));
  });
}
