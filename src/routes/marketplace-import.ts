// POST /marketplaceapp/:type/create (reference sunstone-server.md §3.7): body
// `{"action":{"params":{ORIGIN_ID, MARKETPLACE_ID, NAME, IMPORT_ALL, MARKETPLACE_SERVICE_ID}}}`;
// type "service" imports a OneFlow service template, any other type a VM template. Always 201 with
// the JSON of the result pair (`[0,[ids]]`, `["<message>",[ids]]`), as Sunstone. The parameters are
// those of the marketplaceapp import actions of the catalogue, checked the same way (400 naming a
// missing or mistyped one, before oned hears of it).
import type { FastifyInstance } from 'fastify';
import { actionOf, kindByUrl, type ResourceKind } from '../one/catalogue.js';
import { actionParams } from './action-args.js';
import type { OneDeps } from './deps.js';
import { BadParameterError } from './errors.js';
import { JSON_TYPE } from './json-reply.js';
import {
  importServiceTemplate,
  importVmTemplate,
  type ImportRequest,
} from './procedures/marketapp-import.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

const SHAPE = 'the body must be {"action":{"params":{"ORIGIN_ID":..,"MARKETPLACE_ID":..,...}}}';

function paramsOf(body: unknown): Record<string, unknown> {
  const action =
    typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : undefined;
  const params =
    typeof action === 'object' && action !== null ? (action as { params?: unknown }).params : undefined;
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new BadParameterError(`Missing "action.params" object: ${SHAPE}`);
  return params as Record<string, unknown>;
}

export async function marketImportRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  const appKind = kindByUrl('marketplaceapp') as ResourceKind;

  app.post<{ Params: { type: string } }>('/marketplaceapp/:type/create', async (request, reply) => {
    const service = request.params.type === 'service';
    const spec = actionOf(appKind, service ? 'service_template.import' : 'vm-template.import');
    if (spec === undefined) throw new Error('catalogue: marketplaceapp import actions are missing');
    const params = actionParams(spec, paramsOf(request.body));
    const req: ImportRequest = {
      originId: Number(params.get('ORIGIN_ID')),
      marketId: Number(params.get('MARKETPLACE_ID')),
      name: String(params.get('NAME') ?? ''),
      importAll: params.get('IMPORT_ALL') === true,
      serviceMarketId: Number(params.get('MARKETPLACE_SERVICE_ID') ?? -1),
    };
    const client = oneClientFor(request, opts.oneClient);
    const session = sessionFor(request, opts.tokens);
    const result = service
      ? await importServiceTemplate(client, session, req)
      : await importVmTemplate(client, session, req);
    return reply.code(201).type(JSON_TYPE).send(JSON.stringify(result));
  });
}
