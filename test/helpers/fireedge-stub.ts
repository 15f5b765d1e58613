// A FireEdge stand-in on loopback for /fireedge/api/auth: answers FireEdge's {"id","message","data":
// {"token"}} for one user/password pair, 401 otherwise, and records what it was sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface FireEdgeStub {
  readonly url: string;
  /** The form fields of each auth request, in order. */
  readonly requests: Array<Record<string, string>>;
}

export async function startFireEdgeStub(
  t: TestContext,
  login: { user: string; password: string; jwt: string },
): Promise<FireEdgeStub> {
  const requests: Array<Record<string, string>> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/fireedge/api/auth') {
        res.writeHead(404).end();
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push(form);
      const ok = form.user === login.user && form.token === login.password;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok
            ? { id: 200, message: 'OK', data: { token: login.jwt, id: '2' } }
            : { id: 401, message: 'Unauthorized', data: 'invalid username or password' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests };
}
