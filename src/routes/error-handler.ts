// Errors thrown anywhere under the app become Sunstone's pretty `{"error":{"message":...}}` with the
// error's HTTP status (ours carry `statusCode`; Fastify's own 4xx do too). Unknown routes answer 404
// in the same shape. Server-side failures are logged with their cause; client mistakes are not noise.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorJson, JSON_TYPE } from './json-reply.js';

function statusOf(err: FastifyError): number {
  const s = err.statusCode;
  return typeof s === 'number' && s >= 400 && s <= 599 ? s : 500;
}

export function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = statusOf(err);
  if (status >= 500) request.log.error({ err }, `${request.method} ${request.url} failed`);
  else request.log.info({ code: err.code }, err.message);
  return reply.code(status).header('Cache-Control', 'no-store').type(JSON_TYPE).send(errorJson(err.message));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(JSON_TYPE)
      .send(errorJson(`Not found: ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );
}
