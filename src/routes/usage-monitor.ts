// GET /user/:id/monitor and GET /group/:id/monitor (reference sunstone-server.md §3.4): usage of a
// user's or a group's VMs over time, summed per step from `one.vmpool.accounting` (usage-series.ts).
// Query: start, end, interval (epoch seconds), monitor_resources (paths under each record's VM/).
// Answer: `{"monitoring":{"<meter>":[[t, sum], ...]}}`, compact.
//
// Fixes Sunstone's group-0 bug (§11 item 10): its user route read a missing `gid` as 0, so it
// summed the oneadmin group's VMs whoever was asked for. Here the user route sums the VMs owned by
// user :id (accounting filter = the uid) and the group route the VMs of group :id (all visible VMs,
// then VM/GID), each as the session user, so oned decides what that user may see.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OneJson } from '../one/types.js';
import { xmlToJsonAsync } from '../one/xml-to-json.js';
import type { OneDeps } from './deps.js';
import { BadParameterError } from './errors.js';
import { JSON_TYPE } from './json-reply.js';
import { integerParam } from './kind-param.js';
import { meterList } from './monitoring.js';
import { oneFailure } from './one-failure.js';
import { asList, isObject, textAt } from './one-json.js';
import {
  MAX_STEPS,
  rubyToI,
  stepCount,
  usageSeries,
  type UsageRecord,
  type UsageWindow,
} from './usage-series.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

interface UsageQuery {
  start?: unknown;
  end?: unknown;
  interval?: unknown;
  monitor_resources?: unknown;
}

/** An epoch-seconds query value; missing is 0, as Ruby's nil.to_i. */
function seconds(name: string, raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  return integerParam(name, typeof raw === 'string' ? raw : String(raw));
}

export function usageWindow(q: UsageQuery): UsageWindow {
  const w = {
    start: seconds('start', q.start),
    end: seconds('end', q.end),
    interval: seconds('interval', q.interval),
  };
  if (w.start < w.end && w.interval <= 0) {
    // Sunstone loops forever on this; say what is wrong instead.
    throw new BadParameterError(`interval must be a positive number of seconds, got ${w.interval}`);
  }
  if (stepCount(w) > MAX_STEPS) {
    throw new BadParameterError(
      `start to end in steps of interval gives ${stepCount(w)} points; at most ${MAX_STEPS} are served: use a larger interval`,
    );
  }
  return w;
}

/** The HISTORY records of an accounting document, optionally only those of VMs in group `gid`. */
export function usageRecords(doc: OneJson, meters: readonly string[], gid?: number): UsageRecord[] {
  const root = doc.HISTORY_RECORDS;
  const out: UsageRecord[] = [];
  for (const h of isObject(root) ? asList(root.HISTORY) : []) {
    if (gid !== undefined && textAt(h, 'VM/GID') !== String(gid)) continue;
    const values = new Map<string, number>();
    for (const m of meters) {
      const t = textAt(h, `VM/${m}`);
      if (t !== undefined) values.set(m, rubyToI(t));
    }
    out.push({
      stime: rubyToI(textAt(h, 'STIME') ?? '0'),
      etime: rubyToI(textAt(h, 'ETIME') ?? '0'),
      values,
    });
  }
  return out;
}

async function usage(
  request: FastifyRequest<{ Params: { id: string }; Querystring: UsageQuery }>,
  opts: OneDeps,
  who: 'user' | 'group',
): Promise<string> {
  const id = integerParam('id', request.params.id);
  const meters = [...new Set(meterList(request.query.monitor_resources))];
  const w = usageWindow(request.query);
  // oned's accounting filter: a uid >= 0 is that user's VMs; -2 every VM the caller may see.
  const filter = who === 'user' ? id : -2;
  let doc: OneJson;
  try {
    const xml = await oneClientFor(request, opts.oneClient).call(
      sessionFor(request, opts.tokens),
      'one.vmpool.accounting',
      [filter, w.start, w.end],
    );
    doc = await xmlToJsonAsync(typeof xml === 'string' ? xml : '', {
      what: 'the answer to one.vmpool.accounting',
    });
  } catch (err) {
    throw oneFailure(err, 500);
  }
  const records = usageRecords(doc, meters, who === 'group' ? id : undefined);
  return JSON.stringify({ monitoring: usageSeries(records, meters, w) });
}

export async function usageMonitorRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: UsageQuery }>('/user/:id/monitor', async (request, reply) =>
    reply.type(JSON_TYPE).send(await usage(request, opts, 'user')),
  );
  app.get<{ Params: { id: string }; Querystring: UsageQuery }>('/group/:id/monitor', async (request, reply) =>
    reply.type(JSON_TYPE).send(await usage(request, opts, 'group')),
  );
}
