// The HTTP side, shaped like xmlrpc-c's Abyss server in oned (reference oned-xmlrpc.md §1.1,
// oned-samples/README.md): POST /RPC2 only, the same response headers in the same order, and by
// default `Connection: close` with the socket closed after every answer, so clients pay the
// connection cost a real deployment pays. Fault switches for tests: added latency, refusing
// connections (closed at accept), and closing the socket half way through an answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface SimFaults {
  /** Delay before each answer, in milliseconds. */
  latencyMs: number;
  /** Close every new connection as soon as it is accepted. */
  refuse: boolean;
  /** Send the headers and half of the body, then drop the connection. */
  closeMidResponse: boolean;
}

export interface RpcServerOptions {
  readonly handle: (body: Buffer) => Buffer;
  readonly keepAlive: boolean;
  readonly faults: SimFaults;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimit: number;
  /** Epoch milliseconds, for the Date header. */
  readonly clock: () => number;
}

export const SERVER_HEADER = 'Xmlrpc-c_Abyss/1.33.14';
const MAX_CONNECTIONS = 4096;

/** xmlrpc-c's Date header: RFC 1123 with "UTC" where Node writes "GMT". */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', 'UTC');
}

function plain(res: ServerResponse, status: number, text: string, clock: () => number): void {
  res.sendDate = false;
  res.writeHead(status, [
    'Content-type',
    'text/plain',
    'Content-length',
    String(Buffer.byteLength(text)),
    'Connection',
    'close',
    'Date',
    httpDate(clock()),
    'Server',
    SERVER_HEADER,
  ]);
  res.end(text);
}

export function createRpcServer(opts: RpcServerOptions): Server {
  const delayed = new Set<ReturnType<typeof setTimeout>>();

  const answer = (res: ServerResponse, body: Buffer): void => {
    if (res.destroyed) return;
    const headers = ['Content-type', 'text/xml; charset=utf-8', 'Content-length', String(body.length)];
    if (!opts.keepAlive) headers.push('Connection', 'close');
    headers.push('Date', httpDate(opts.clock()), 'Server', SERVER_HEADER);
    res.sendDate = false;
    res.writeHead(200, headers);
    if (opts.faults.closeMidResponse) {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/RPC2') return plain(res, 404, 'Not Found', opts.clock);
    if (req.method !== 'POST') return plain(res, 405, 'Method Not Allowed', opts.clock);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.bodyLimit) {
        req.removeAllListeners('data');
        plain(res, 413, `XML-RPC call larger than ${opts.bodyLimit} bytes`, opts.clock);
        req.socket.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > opts.bodyLimit) return;
      const out = opts.handle(Buffer.concat(chunks, size));
      const latency = opts.faults.latencyMs;
      if (latency > 0) {
        const t = setTimeout(() => {
          delayed.delete(t);
          answer(res, out);
        }, latency);
        delayed.add(t);
      } else answer(res, out);
    });
  };

  const server = createServer({ keepAlive: opts.keepAlive }, onRequest);
  // A bound on open connections; far above oned's MAX_CONN (15) + MAX_CONN_BACKLOG (15).
  server.maxConnections = MAX_CONNECTIONS;
  server.on('connection', (socket) => {
    if (opts.faults.refuse) socket.destroy();
  });
  server.on('close', () => {
    for (const t of delayed) clearTimeout(t);
    delayed.clear();
  });
  return server;
}
