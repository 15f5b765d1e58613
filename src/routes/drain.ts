// Graceful close for kept-alive connections. Fastify's close stops accepting and waits for every open
// connection to end; Node closes the connections idle at that moment, but a connection busy with a
// request then answers it with `Connection: keep-alive` and sits idle until keepAliveTimeout (72 s),
// holding the stop (and a rolling restart) for that long. So once the app is closing: every response
// says `Connection: close`, and connections that turn idle are closed on a short tick.
import type { FastifyInstance } from 'fastify';

/** How often idle connections are reaped while stopping. */
const REAP_EVERY_MS = 100;

export function installDrain(app: FastifyInstance): void {
  let stopping = false;
  let reaper: NodeJS.Timeout | undefined;

  app.addHook('preClose', async () => {
    stopping = true;
    reaper = setInterval(() => app.server.closeIdleConnections(), REAP_EVERY_MS);
    reaper.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(reaper);
  });
  app.addHook('onSend', async (request, reply) => {
    // HTTP/2 has no Connection header; its sessions are closed by Fastify itself.
    if (stopping && request.raw.httpVersionMajor === 1) reply.header('Connection', 'close');
  });
}
