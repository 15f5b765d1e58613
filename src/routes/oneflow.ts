// The OneFlow proxy (reference sunstone-server.md §3.9; Sunstone's routes/oneflow.rb, loaded when
// :routes lists `oneflow`). Each route forwards to the session's OneFlow (the zone's
// ONEFLOW_ENDPOINT after a ZONENAME switch, else :oneflow_server) with Basic auth user
// `serveradmin` and password `<user>:<server_cipher token>`, so OneFlow acts as the session user.
// A 2xx answer is passed on as it is (status and body); any other status comes back with the body
// inside Sunstone's error JSON (so a JSON error from OneFlow ends up as a string, as in Sunstone);
// OneFlow unreachable is 503 and a timeout 504 (src/oneflow/errors.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OneFlowCall, OneFlowClient } from '../oneflow/client.js';
import type { UserTokens } from './deps.js';
import { errorJson, JSON_TYPE } from './json-reply.js';
import { sessionFor } from './user-session.js';

export interface OneFlowRoutesOptions {
  readonly tokens: UserTokens;
  readonly client: OneFlowClient;
  /** :oneflow_server, for sessions without a zone's ONEFLOW_ENDPOINT. */
  readonly oneflowServer: string;
}

type Method = OneFlowCall['method'];

interface Route {
  readonly method: Method;
  /** Sunstone's route. */
  readonly url: string;
  /** OneFlow's path from the route's parameters. */
  readonly to: (p: Record<string, string>) => string;
  /** Whether the request body is forwarded. */
  readonly body: boolean;
  /** Forward the request's Content-Type (Sunstone does it for service templates only). */
  readonly contentType?: boolean;
}

const e = encodeURIComponent;

/** Sunstone's table, in its order. */
const ROUTES: readonly Route[] = [
  { method: 'GET', url: '/service', to: () => '/service', body: false },
  { method: 'GET', url: '/service/:id', to: (p) => `/service/${e(p.id ?? '')}`, body: false },
  { method: 'PUT', url: '/service/:id', to: (p) => `/service/${e(p.id ?? '')}`, body: true },
  { method: 'DELETE', url: '/service/:id', to: (p) => `/service/${e(p.id ?? '')}`, body: false },
  { method: 'POST', url: '/service/:id/action', to: (p) => `/service/${e(p.id ?? '')}/action`, body: true },
  { method: 'POST', url: '/service/:id/scale', to: (p) => `/service/${e(p.id ?? '')}/scale`, body: true },
  {
    method: 'POST',
    url: '/service/:id/role/:role_name/action',
    to: (p) => `/service/${e(p.id ?? '')}/role/${e(p.role_name ?? '')}/action`,
    body: true,
  },
  {
    method: 'PUT',
    url: '/service/:id/role/:role_name',
    to: (p) => `/service/${e(p.id ?? '')}/role/${e(p.role_name ?? '')}`,
    body: true,
  },
  { method: 'POST', url: '/service/purge', to: () => '/service_pool/purge_done', body: true },
  {
    method: 'POST',
    url: '/service/:id/role_action',
    to: (p) => `/service/${e(p.id ?? '')}/role_action`,
    body: true,
  },
  { method: 'GET', url: '/service_template', to: () => '/service_template', body: false },
  {
    method: 'GET',
    url: '/service_template/:id',
    to: (p) => `/service_template/${e(p.id ?? '')}`,
    body: false,
  },
  {
    method: 'DELETE',
    url: '/service_template/:id',
    to: (p) => `/service_template/${e(p.id ?? '')}`,
    body: true,
  },
  {
    method: 'POST',
    url: '/service_template/:id/action',
    to: (p) => `/service_template/${e(p.id ?? '')}/action`,
    body: true,
    contentType: true,
  },
  { method: 'POST', url: '/service_template', to: () => '/service_template', body: true, contentType: true },
];

/**
 * The body as Sunstone forwards it: the raw text, or the JSON again without `csrftoken` when the
 * token came in it (protect() has taken it out of the parsed body).
 */
function bodyOf(request: FastifyRequest): string | Buffer {
  const b: unknown = request.body;
  if (b === undefined || b === null) return '';
  if (typeof b === 'string' || Buffer.isBuffer(b)) return b;
  return JSON.stringify(b);
}

function contentTypeOf(request: FastifyRequest): string | undefined {
  const t = request.headers['content-type'];
  return typeof t === 'string' && t !== '' ? t : undefined;
}

export async function oneflowRoutes(app: FastifyInstance, opts: OneFlowRoutesOptions): Promise<void> {
  // Bodies of any type go through as they came (Sunstone read the raw body).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  for (const route of ROUTES) {
    app.route<{ Params: Record<string, string> }>({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const session = sessionFor(request, opts.tokens);
        const colon = session.indexOf(':');
        const baseUrl = request.session?.data.zone_flow_url ?? opts.oneflowServer;
        const contentType = route.contentType === true ? contentTypeOf(request) : undefined;
        const answer = await opts.client.request({
          baseUrl,
          method: route.method,
          path: route.to(request.params),
          user: session.slice(0, colon),
          password: session.slice(colon + 1),
          ...(route.body ? { body: bodyOf(request) } : {}),
          ...(contentType === undefined ? {} : { contentType }),
        });
        reply.type(JSON_TYPE).code(answer.status);
        if (answer.status >= 200 && answer.status < 300) return reply.send(answer.body);
        const text = answer.body.toString('utf8');
        request.log.warn(`[OneFlow] ${route.method} ${route.to(request.params)}: ${answer.status} ${text}`);
        return reply.send(errorJson(text));
      },
    });
  }
}
