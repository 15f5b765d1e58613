// A websocket echo on a test backend, and a client round trip through a proxy: proves a proxy
// configuration passes websocket upgrades (what the VNC console will need) before the VNC proxy exists.
import type { Server } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';

/** Answers upgrades on `path` of `server` with an echo; other upgrade requests are refused. */
export function attachWebSocketEcho(server: Server, path: string): void {
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (req.url !== path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      ws.on('message', (data, binary) => ws.send(data, { binary })),
    );
  });
  server.on('close', () => wss.close());
}

/** Opens `url`, sends `text`, resolves with what comes back; rejects with the proxy's answer otherwise. */
export function webSocketRoundTrip(url: string, text: string, opts: { ca?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(opts.ca === undefined ? {} : { ca: opts.ca }),
      handshakeTimeout: 10_000,
    });
    ws.on('open', () => ws.send(text));
    ws.on('message', (data: Buffer) => {
      resolve(data.toString('utf8'));
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => {
      reject(new Error(`websocket upgrade refused: ${res.statusCode} ${res.statusMessage ?? ''}`));
      ws.terminate();
    });
    ws.on('error', reject);
  });
}
