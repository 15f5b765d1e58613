// A stand-in server (net or http) on a free 127.0.0.1 port for one test: its connections are
// tracked so that t.after can close it without waiting for clients that keep theirs open.
import type { AddressInfo, Server, Socket } from 'node:net';
import type { TestContext } from 'node:test';

/** Listens on 127.0.0.1:0, closes the server and destroys its connections in t.after; resolves to the port. */
export async function listenLoopback(t: TestContext, server: Server): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  );
  return (server.address() as AddressInfo).port;
}
