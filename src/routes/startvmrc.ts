// POST /vm/:id/startvmrc (reference sunstone-server.md §3.8): the VMware Remote Console of a vCenter
// VM. Sunstone only answers the VM summary `{"info"}`; the browser then gets the ticket from FireEdge
// (/fireedge/api/vcenter/token/<id>) with its JWT. Any other VM, or a VM not running, is 400.
import type { FastifyInstance } from 'fastify';
import type { OneDeps } from './deps.js';
import { RemoteConsoleError } from './errors.js';
import { checkConsoleState } from './guac-connection.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam } from './kind-param.js';
import { readVmAsUser } from './read-vm.js';
import { textAt } from './one-json.js';
import { remoteInfo } from './vnc-console.js';

export async function startVmrcRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  app.post<{ Params: { id: string } }>('/vm/:id/startvmrc', async (request, reply) => {
    const id = integerParam('id', request.params.id);
    const vm = await readVmAsUser(request, opts, id);
    checkConsoleState(vm, 'VMRC');
    if (textAt(vm, 'VM/USER_TEMPLATE/HYPERVISOR')?.toLowerCase() !== 'vcenter') {
      throw new RemoteConsoleError(
        'SUN_ERR_ROUTE_CONSOLE_NOT_VCENTER',
        `VMRC is only available for vCenter VMs; VM ${id} is not one (USER_TEMPLATE/HYPERVISOR)`,
      );
    }
    return reply.type(JSON_TYPE).send(JSON.stringify({ info: remoteInfo(vm) }));
  });
}
