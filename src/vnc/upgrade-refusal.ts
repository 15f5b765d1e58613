// A websocket upgrade that cannot go ahead is answered as HTTP on the raw socket (there is no
// Fastify reply once a socket left the HTTP parser), with Sunstone's error JSON and the error's
// status, so noVNC and scripts see why; the socket is closed after the answer.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export function refuseUpgrade(
  socket: Duplex,
  err: { readonly statusCode: number; readonly message: string },
): void {
  if (socket.destroyed) return;
  const status = err.statusCode >= 400 && err.statusCode <= 599 ? err.statusCode : 500;
  const body = JSON.stringify({ error: { message: err.message } }, null, 2);
  const head =
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Connection: close\r\n' +
    'Cache-Control: no-store\r\n' +
    'Content-Type: application/json;charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  socket.end(head + body);
  // A peer that never reads must not keep the socket: end() flushes, destroy follows shortly.
  setTimeout(() => socket.destroy(), 5000).unref();
}
