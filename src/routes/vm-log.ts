// GET /vm/:id/log (reference sunstone-server.md §8): the VM is read as the session user first (not
// readable: 404), then its log is sent from where oned writes it on the front-end:
// LOG/<id>.log, or VAR/vms/<id>/vm.log with ONE_LOCATION or oned's LOG/USE_VMS_LOCATION = YES.
// A log this server cannot read (it runs on another machine, or the VM never ran) is Sunstone's
// 200 {"vm_log":"Log for VM <id> not available"}. The log is streamed; `?tail=N` sends its last N
// lines (Sunstone always sent the whole file).
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OnePaths } from '../config/types.js';
import type { OneClient } from '../one/types.js';
import { xmlToJsonAsync } from '../one/xml-to-json.js';
import type { OneDeps } from './deps.js';
import { BadParameterError } from './errors.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam } from './kind-param.js';
import { readVmAsUser } from './read-vm.js';
import { textAt } from './one-json.js';
import { logSpan, vmLogJson, vmLogPath, type LogSpan } from './vm-log-file.js';
import { oneClientFor } from './zone-client.js';

export interface VmLogOptions extends OneDeps {
  readonly paths: Pick<OnePaths, 'oneLocation' | 'log' | 'vms'>;
}

function tailParam(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = integerParam('tail', typeof raw === 'string' ? raw : String(raw));
  if (n < 0) throw new BadParameterError(`tail must be a number of lines (0 or more), got ${n}`);
  return n;
}

/** oned's LOG/USE_VMS_LOCATION (asked as serveradmin); NO when oned does not say. */
async function usesVmsLocation(client: OneClient, serverSession: string): Promise<boolean> {
  try {
    const xml = await client.call(serverSession, 'one.system.config', []);
    const conf = await xmlToJsonAsync(typeof xml === 'string' ? xml : '', { what: 'one.system.config' });
    return textAt(conf, 'OPENNEBULA_CONFIGURATION/LOG/USE_VMS_LOCATION')?.toUpperCase() === 'YES';
  } catch {
    return false;
  }
}

async function spanFor(
  request: FastifyRequest,
  opts: VmLogOptions,
  id: number,
  tail?: number,
): Promise<LogSpan> {
  const client = oneClientFor(request, opts.oneClient);
  const vmsLocation =
    opts.paths.oneLocation === null && (await usesVmsLocation(client, opts.tokens.forServer()));
  return logSpan(vmLogPath(opts.paths, id, vmsLocation), tail);
}

export async function vmLogRoutes(app: FastifyInstance, opts: VmLogOptions): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: { tail?: unknown } }>(
    '/vm/:id/log',
    async (request, reply) => {
      const id = integerParam('id', request.params.id);
      const tail = tailParam(request.query.tail);
      await readVmAsUser(request, opts, id);
      let span: LogSpan;
      try {
        span = await spanFor(request, opts, id, tail);
      } catch (err) {
        request.log.debug({ err }, `log of VM ${id} not readable`);
        return reply.type(JSON_TYPE).send(JSON.stringify({ vm_log: `Log for VM ${id} not available` }));
      }
      return reply.type(JSON_TYPE).send(Readable.from(vmLogJson(span), { objectMode: false }));
    },
  );
}
