// GET /vm/accounting and GET /vm/showback (reference sunstone-server.md §3.4), as the session user:
// OCA's VirtualMachinePool#accounting / #showback without grouping, i.e.
//   {"HISTORY_RECORDS":{"HISTORY":[{...}, ...]}}   and   {"SHOWBACK_RECORDS":{"SHOWBACK":[{...}, ...]}}
// (always a list, each record as the DOM rules convert it), or `{}` when nothing matched. `group`
// keeps the records of that group's VMs. Compact JSON; oned failures 500 with oned's message.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { XmlRpcValue } from '../one/codec.js';
import type { OneJson, OneJsonValue } from '../one/types.js';
import { xmlToJsonAsync } from '../one/xml-to-json.js';
import type { OneDeps } from './deps.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { asList, isObject, textAt } from './one-json.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

type Query = Record<string, unknown>;

/** An integer query parameter, or `dflt` when absent (Ruby: `params[:x] ? params[:x].to_i : dflt`). */
function intQuery(q: Query, name: string, dflt: number): number {
  const raw = q[name];
  if (raw === undefined || raw === '') return dflt;
  return integerParam(name, typeof raw === 'string' ? raw : String(raw));
}

/** `group`: undefined when absent. */
function groupQuery(q: Query): number | undefined {
  return q.group === undefined || q.group === '' ? undefined : intQuery(q, 'group', 0);
}

/**
 * The records of `doc` under `root`/`element`, those whose `gidPath` equals `group` when given,
 * wrapped as OCA wraps them; `{}` when none.
 */
export function recordsHash(
  doc: OneJson,
  root: string,
  element: string,
  gidPath: string,
  group: number | undefined,
): OneJson {
  const top = doc[root];
  const all = isObject(top) ? asList(top[element]) : [];
  const kept: OneJsonValue[] =
    group === undefined ? all : all.filter((r) => textAt(r, gidPath) === String(group));
  return kept.length === 0 ? {} : { [root]: { [element]: kept } };
}

async function records(
  request: FastifyRequest,
  opts: OneDeps,
  method: string,
  params: XmlRpcValue[],
): Promise<OneJson> {
  try {
    const xml = await oneClientFor(request, opts.oneClient).call(
      sessionFor(request, opts.tokens),
      method,
      params,
    );
    return await xmlToJsonAsync(typeof xml === 'string' ? xml : '', { what: `the answer to ${method}` });
  } catch (err) {
    throw oneFailure(err, 500);
  }
}

export async function accountingRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  app.get('/vm/accounting', async (request, reply) => {
    const q = (request.query ?? {}) as Query;
    const params = [
      intQuery(q, 'userfilter', -2),
      intQuery(q, 'start_time', -1),
      intQuery(q, 'end_time', -1),
    ];
    const group = groupQuery(q);
    const doc = await records(request, opts, 'one.vmpool.accounting', params);
    return reply
      .type(JSON_TYPE)
      .send(JSON.stringify(recordsHash(doc, 'HISTORY_RECORDS', 'HISTORY', 'VM/GID', group)));
  });

  app.get('/vm/showback', async (request, reply) => {
    const q = (request.query ?? {}) as Query;
    const params = [
      intQuery(q, 'userfilter', -2),
      intQuery(q, 'start_month', -1),
      intQuery(q, 'start_year', -1),
      intQuery(q, 'end_month', -1),
      intQuery(q, 'end_year', -1),
    ];
    const group = groupQuery(q);
    const doc = await records(request, opts, 'one.vmpool.showback', params);
    return reply
      .type(JSON_TYPE)
      .send(JSON.stringify(recordsHash(doc, 'SHOWBACK_RECORDS', 'SHOWBACK', 'GID', group)));
  });
}
