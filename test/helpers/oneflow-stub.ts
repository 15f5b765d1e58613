// A OneFlow stand-in on loopback (node:http): records every request (method, path, headers, body)
// and answers what the test says: a status and body, or nothing at all (to make the proxy time out).
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { TestContext } from 'node:test';
import { listenLoopback } from './loopback-server.js';

export interface StubRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type StubAnswer = { readonly status: number; readonly body: string } | 'hang';

export interface OneFlowStub {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly requests: StubRequest[];
  /** What the next requests get (default 200 with an empty DOCUMENT_POOL). */
  answer: (req: StubRequest) => StubAnswer;
}

export async function startOneFlowStub(t: TestContext): Promise<OneFlowStub> {
  const requests: StubRequest[] = [];
  const stub: { answer: (req: StubRequest) => StubAnswer } = {
    answer: () => ({ status: 200, body: '{"DOCUMENT_POOL":{}}' }),
  };
  const server: Server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(r);
      const a = stub.answer(r);
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(a.body);
    });
  });
  const port = await listenLoopback(t, server);
  return Object.assign(stub, { url: `http://127.0.0.1:${port}/`, requests });
}
