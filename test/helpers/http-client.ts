// A small HTTP(S) client for proxy tests, on node:http/https because they can pick the local
// address a request leaves from (a loopback address outside :trusted_proxies) and trust a test CA.
// One request per connection (no keep-alive): each one goes through the proxy's balancing afresh.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ClientOptions {
  /** The certificate of a test CA (tls.ts) for https URLs. */
  readonly ca?: string;
  /** The address the connection comes from, e.g. 127.0.0.3. */
  readonly localAddress?: string;
}

export interface ClientRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface ClientResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export function send(
  url: string,
  req: ClientRequest = {},
  opts: ClientOptions = {},
): Promise<ClientResponse> {
  const u = new URL(url);
  const make = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = make(
      u,
      {
        method: req.method ?? 'GET',
        headers: { connection: 'close', ...req.headers },
        agent: false,
        ...(opts.ca === undefined ? {} : { ca: opts.ca }),
        ...(opts.localAddress === undefined ? {} : { localAddress: opts.localAddress }),
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`${req.method ?? 'GET'} ${url}: no answer in 30 s`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

/** The `name=value` part of a response's Set-Cookie for `name`, with the whole header line. */
export function responseCookie(
  res: ClientResponse,
  name: string,
): { pair: string; line: string } | undefined {
  const line = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  return line === undefined ? undefined : { pair: line.split(';')[0] ?? '', line };
}
