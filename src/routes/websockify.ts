// The VNC console on the main port: `GET <:base_path>/websockify?token=...` upgraded to a websocket
// (websockify's protocol, so noVNC connects unchanged), for deployments where only the UI's port is
// reachable (HTTPS behind a proxy: no mixed content, no second port; anchors.md #878, #1140).
//
// Node hands upgrade requests to the server's 'upgrade' event, outside Fastify. Those for this path
// are sent through Fastify's routing with a response bound to the socket, so the usual hooks run
// (trusted proxies, session cookie, :session_bind_ip) and errors come back as Sunstone's error JSON;
// the route then redeems the token for the session's user and hands the socket to the gateway.
// Upgrades for any other path are answered 404 and closed, unless another 'upgrade' listener of
// the same server may want them.
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { VncGateway } from '../vnc/gateway.js';
import { VncNoSessionError, VncUpgradeRequiredError } from '../vnc/errors.js';
import type { VncTokens } from '../vnc/tokens.js';
import { refuseUpgrade } from '../vnc/upgrade-refusal.js';

export interface WebsockifyOptions {
  /** :base_path ('' or like /sunstone). */
  readonly basePath: string;
  readonly vncTokens: VncTokens;
  readonly gateway: VncGateway;
}

interface Upgrade {
  readonly socket: Duplex;
  readonly head: Buffer;
}

function pathOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q < 0 ? u : u.slice(0, q);
}

/** Registered in the scope that has the session plugin (not the CSRF-protected API: the token is the proof). */
export async function websockifyRoutes(site: FastifyInstance, opts: WebsockifyOptions): Promise<void> {
  const upgrades = new WeakMap<IncomingMessage, Upgrade>();
  const path = `${opts.basePath}/websockify`;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (pathOf(req.url) !== path) {
      // Another listener on the same server (an embedding application, a test's echo) may own it.
      if (site.server.listenerCount('upgrade') > 1) return;
      socket.on('error', () => socket.destroy());
      refuseUpgrade(socket, {
        statusCode: 404,
        message: `No websocket at ${pathOf(req.url)}; consoles are at ${path}`,
      });
      return;
    }
    socket.on('error', () => socket.destroy());
    upgrades.set(req, { socket, head });
    const res = new ServerResponse(req);
    res.assignSocket(socket as Parameters<ServerResponse['assignSocket']>[0]);
    // An answer written through Fastify (a refusal) ends the connection; a hijacked one never finishes.
    res.once('finish', () => socket.end());
    site.routing(req, res);
  };
  site.server.on('upgrade', onUpgrade);
  site.addHook('onClose', async () => {
    site.server.off('upgrade', onUpgrade);
  });

  site.get<{ Querystring: { token?: string } }>('/websockify', async (request, reply) => {
    const upgrade = upgrades.get(request.raw);
    if (upgrade === undefined) throw new VncUpgradeRequiredError();
    upgrades.delete(request.raw);
    if (request.user === null) throw new VncNoSessionError();
    const token = typeof request.query.token === 'string' ? request.query.token : undefined;
    const grant = await opts.vncTokens.open(token, request.user.name);
    reply.hijack();
    await opts.gateway.accept(request.raw, upgrade.socket, upgrade.head, grant, request.log);
  });
}
