// Monitoring (reference sunstone-server.md §3.4), as the session user:
// - GET /:resource/monitor: the last record of every visible VM (one.vmpool.monitoring(-2, 0)) as
//   `{"MONITORING_DATA":{...},"resource":"vm"}`. Ruby Sunstone lists host too but fails on it (500);
//   here host works (one.hostpool.monitoring(0)). Other kinds: Sunstone's 200 with an error body.
// - GET /:resource/:id/monitor?monitor_resources=CPU,MEMORY: one VM's or host's series,
//   `{"resource":"vm","id":"5","monitoring":{"CPU":[["<ts>","<value>"],...]}}`; other kinds 403.
// Both compact JSON, as Sunstone's to_json. oned failures are 500 with oned's message.
import type { FastifyInstance } from 'fastify';
import { xmlToJsonAsync } from '../one/xml-to-json.js';
import type { OneJson, OneJsonValue } from '../one/types.js';
import type { OneDeps } from './deps.js';
import { BadParameterError, MonitoringNotSupportedError } from './errors.js';
import { errorJson, JSON_TYPE } from './json-reply.js';
import { integerParam } from './kind-param.js';
import { oneFailure } from './one-failure.js';
import { asList, isObject, textAt } from './one-json.js';
import { sessionFor } from './user-session.js';
import { oneClientFor } from './zone-client.js';

/** The monitorable kinds; Sunstone matches `vm`/`VM` and `host`/`HOST`. */
type Monitored = 'vm' | 'host';

function monitored(resource: string): Monitored | undefined {
  if (resource === 'vm' || resource === 'VM') return 'vm';
  if (resource === 'host' || resource === 'HOST') return 'host';
  return undefined;
}

/** A meter is a relative path of element names ("CPU", "CAPACITY/USED_CPU"). */
const METER = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;

/** `monitor_resources` as a list of meters, or a 400 naming the parameter. */
export function meterList(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw === '') {
    throw new BadParameterError(
      'monitor_resources is missing: send the elements to chart, comma separated (e.g. monitor_resources=CPU,MEMORY)',
    );
  }
  const meters = raw.split(',');
  for (const m of meters) {
    if (!METER.test(m)) {
      throw new BadParameterError(
        `monitor_resources: ${JSON.stringify(m)} is not an element path such as CPU or CAPACITY/USED_CPU`,
      );
    }
  }
  return meters;
}

/**
 * One object's series per meter: [TIMESTAMP, value] for every MONITORING record of that object
 * that has the meter (OCA's process_monitoring zips all timestamps with the values found, which
 * shifts pairs when a record lacks the value; pairing per record never does).
 */
export function meterSeries(doc: OneJson, id: number, meters: readonly string[]): Record<string, string[][]> {
  const root = doc.MONITORING_DATA;
  const records = isObject(root) ? asList(root.MONITORING) : [];
  const mine = records.filter((r) => textAt(r, 'ID') === String(id));
  const out: Record<string, string[][]> = {};
  for (const meter of meters) {
    const series: string[][] = [];
    for (const r of mine) {
      const ts = textAt(r, 'TIMESTAMP');
      const value = textAt(r, meter);
      if (ts !== undefined && value !== undefined) series.push([ts, value]);
    }
    out[meter] = series;
  }
  return out;
}

async function monitoringDoc(xml: unknown, what: string): Promise<OneJson> {
  return xmlToJsonAsync(typeof xml === 'string' ? xml : '', { what });
}

export async function monitoringRoutes(app: FastifyInstance, opts: OneDeps): Promise<void> {
  app.get<{ Params: { resource: string } }>('/:resource/monitor', async (request, reply) => {
    const { resource } = request.params;
    const kind = monitored(resource);
    if (kind === undefined) {
      return reply
        .code(200)
        .type(JSON_TYPE)
        .send(errorJson(new MonitoringNotSupportedError(resource).message));
    }
    const method = kind === 'vm' ? 'one.vmpool.monitoring' : 'one.hostpool.monitoring';
    // 0 = only the last record of each object (OCA monitoring_last).
    const params = kind === 'vm' ? [-2, 0] : [0];
    let doc: OneJson;
    try {
      const xml = await oneClientFor(request, opts.oneClient).call(
        sessionFor(request, opts.tokens),
        method,
        params,
      );
      doc = await monitoringDoc(xml, `the answer to ${method}`);
    } catch (err) {
      throw oneFailure(err, 500);
    }
    return reply.type(JSON_TYPE).send(JSON.stringify({ ...doc, resource }));
  });

  app.get<{ Params: { resource: string; id: string }; Querystring: { monitor_resources?: unknown } }>(
    '/:resource/:id/monitor',
    async (request, reply) => {
      const { resource } = request.params;
      const kind = monitored(resource);
      if (kind === undefined) throw new MonitoringNotSupportedError(resource);
      const id = integerParam('id', request.params.id);
      const meters = meterList(request.query.monitor_resources);
      const method = `one.${kind}.monitoring`;
      let doc: OneJson;
      try {
        const xml = await oneClientFor(request, opts.oneClient).call(
          sessionFor(request, opts.tokens),
          method,
          [id],
        );
        doc = await monitoringDoc(xml, `the answer to ${method}`);
      } catch (err) {
        throw oneFailure(err, 500);
      }
      const body: Record<string, OneJsonValue | Record<string, string[][]>> = {
        resource,
        id: request.params.id,
        monitoring: meterSeries(doc, id, meters),
      };
      return reply.type(JSON_TYPE).send(JSON.stringify(body));
    },
  );
}
