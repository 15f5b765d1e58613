// Opening a VNC console's websocket as noVNC does (the ws package, subprotocol 'binary'), for the
// proxy tests: resolves with the socket and its byte stream, listening from the start since the
// RFB server speaks first; a refused upgrade rejects with its HTTP status and body.
import WebSocket from 'ws';
import { webSocketStream, type ByteStream } from './rfb-client.js';

/** An open console: the websocket and its byte stream. */
export interface ConsoleSocket {
  readonly ws: WebSocket;
  readonly io: ByteStream;
}

export function openConsole(
  url: string,
  opts: WebSocket.ClientOptions = {},
  protocols: readonly string[] = ['binary'],
): Promise<ConsoleSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [...protocols], { handshakeTimeout: 10_000, ...opts });
    const io = webSocketStream(ws);
    ws.once('open', () => resolve({ ws, io }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () =>
        reject(Object.assign(new Error(`HTTP ${res.statusCode}: ${body}`), { status: res.statusCode, body })),
      );
    });
    ws.once('error', reject);
  });
}
