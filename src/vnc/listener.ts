// The websockify-compatible listener on :vnc_proxy_port, for the stock Sunstone UI, whose noVNC
// connects straight to the proxy with `?token=...` on any path (reference §9). As with websockify,
// the token alone authorises there (no session cookie reaches another port), but it is still
// short-lived and opens one connection. With :vnc_proxy_support_wss `yes` the port takes both ws and
// wss (a TLS ClientHello is recognised by its first byte, as websockify does); with `only`, wss only.
//
// It listens with a plain net.Server and hands connections to an http.Server that never listens
// itself: under Phusion Passenger every http.Server.listen() call is taken over for Passenger's
// socket (deps.md §4), and net.Server is left alone. In a cluster every worker listens on the same
// port (node:cluster shares it), so any worker can open any console.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import { VncListenError, VncUpgradeRequiredError } from './errors.js';
import type { VncGateway, VncLog } from './gateway.js';
import type { ListenAddress } from './listen-address.js';
import type { VncTokens } from './tokens.js';
import { refuseUpgrade } from './upgrade-refusal.js';

export interface VncListenerOptions extends ListenAddress {
  /** :vnc_proxy_support_wss; TLS needs `tls` too. */
  readonly wss: 'no' | 'yes' | 'only';
  /** PEM contents of :vnc_proxy_cert and :vnc_proxy_key. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  readonly tokens: VncTokens;
  readonly gateway: VncGateway;
  readonly log: VncLog;
  /** Connections not yet upgraded, at most (default 256). */
  readonly maxPending?: number;
  /** A connection must send its first byte / its whole request within this (default 10 s). */
  readonly handshakeTimeoutMs?: number;
}

export interface VncListener {
  readonly host: string;
  readonly port: number;
  /** True when the listener takes wss. */
  readonly secure: boolean;
  /** Stop listening and drop connections not upgraded yet (open consoles belong to the gateway). */
  close(): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;

function tokenOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://vnc').searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}

function statusOf(err: unknown): { statusCode: number; message: string } {
  const e = err as { statusCode?: unknown; message?: unknown };
  return {
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : 500,
    message: typeof e.message === 'string' ? e.message : String(err),
  };
}

export async function startVncListener(opts: VncListenerOptions): Promise<VncListener> {
  const context: SecureContext | null =
    opts.wss !== 'no' && opts.tls !== undefined
      ? createSecureContext({ cert: opts.tls.cert, key: opts.tls.key })
      : null;
  if (opts.wss === 'only' && context === null) {
    throw new VncListenError(
      ':vnc_proxy_support_wss is only, but :vnc_proxy_cert is not set; set :vnc_proxy_cert (and :vnc_proxy_key) ' +
        'to PEM files, or set :vnc_proxy_support_wss: yes or no',
    );
  }
  const handshakeMs = opts.handshakeTimeoutMs ?? 10_000;
  const pending = new Set<Socket>();
  /** TLS socket -> the TCP socket under it. */
  const wrapped = new WeakMap<Duplex, Socket>();

  const http = createHttpServer({ requestTimeout: handshakeMs, headersTimeout: handshakeMs });
  http.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    const err = new VncUpgradeRequiredError();
    res.writeHead(426, {
      'Content-Type': 'application/json;charset=utf-8',
      'Cache-Control': 'no-store',
      Upgrade: 'websocket',
      Connection: 'close',
    });
    res.end(JSON.stringify({ error: { message: err.message } }, null, 2));
  });
  http.on('clientError', (_err, socket: Duplex) => socket.destroy());
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    opts.tokens.open(tokenOf(req.url)).then(
      (grant) => opts.gateway.accept(req, socket, head, grant, opts.log),
      (err: unknown) => {
        const e = statusOf(err);
        if (e.statusCode >= 500) opts.log.warn(`VNC console refused on :vnc_proxy_port: ${e.message}`);
        refuseUpgrade(socket, e);
      },
    );
  });

  const server: Server = createServer((socket) => {
    if (pending.size >= (opts.maxPending ?? 256)) {
      socket.destroy();
      return;
    }
    pending.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => pending.delete(socket));
    socket.once('data', (first: Buffer) => {
      clearTimeout(silent);
      socket.pause();
      if (first[0] === TLS_HANDSHAKE && context !== null) {
        const secure = new TLSSocket(withFirstChunk(socket, first), {
          isServer: true,
          secureContext: context,
        });
        wrapped.set(secure, socket);
        http.emit('connection', secure);
      } else if (opts.wss === 'only') {
        socket.destroy();
        return;
      } else {
        socket.unshift(first);
        http.emit('connection', socket);
      }
      socket.resume();
    });
    const silent = setTimeout(() => socket.destroy(), handshakeMs);
    silent.unref();
  });
  // Upgraded connections are the gateway's: they leave `pending`, so its bound is on handshakes only.
  http.on('upgrade', (_req: IncomingMessage, socket: Duplex) => {
    const raw = wrapped.get(socket) ?? socket;
    pending.delete(raw as Socket);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, opts)));
    server.listen({ host: opts.host, port: opts.port }, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    host: addr.address,
    port: addr.port,
    secure: context !== null,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of pending) s.destroy();
      }),
  };
}

/**
 * `socket` as a stream that starts with `first` again. A TLSSocket built on a net.Socket reads its
 * handle directly and would miss bytes given back with unshift(); on a plain Duplex it reads the
 * stream, first chunk included.
 */
function withFirstChunk(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read: () => {
      socket.resume();
    },
    write: (chunk: Buffer, _enc, cb) => {
      socket.write(chunk, cb);
    },
    final: (cb) => {
      socket.end();
      cb();
    },
    destroy: (err, cb) => {
      socket.destroy();
      cb(err);
    },
  });
  stream.push(first);
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  return stream;
}

function listenError(err: NodeJS.ErrnoException, at: ListenAddress): VncListenError {
  const where = `${at.host}:${at.port}`;
  if (err.code === 'EADDRINUSE') {
    return new VncListenError(
      `cannot listen on ${where} (:vnc_proxy_port): the port is in use, perhaps by Ruby Sunstone's ` +
        'novnc-server (stop opennebula-novnc) or another sunstone-server; consoles still open through ' +
        '/websockify on the main port',
      err,
    );
  }
  return new VncListenError(`cannot listen on ${where} (:vnc_proxy_port): ${err.message}`, err);
}
