// HTTP to OneFlow for the proxy routes (reference sunstone-server.md §3.9): one request at a time
// through an undici Agent (one bounded pool per OneFlow origin: zones may each have their own),
// Basic auth and Sunstone's User-Agent, the base URL's path in front of the request path, optional
// :proxy / :no_proxy. The answer comes back whole, whatever its status; connection failures and
// timeouts become Sunstone's 503/504 errors (errors.ts).
import { BlockList, isIP } from 'node:net';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import {
  OneFlowTimeoutError,
  OneFlowTooLargeError,
  OneFlowUnreachableError,
  OneFlowUrlError,
} from './errors.js';

export interface OneFlowClientOptions {
  /** Wait for an answer, and longest silence inside one (default 60 s, Ruby Net::HTTP's read timeout). */
  readonly timeoutMs?: number;
  /** Wait for the connection (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Sockets per OneFlow server (default 16). */
  readonly connections?: number;
  /** Largest answer passed on (default 64 MiB). */
  readonly maxResponseBytes?: number;
  /** :proxy and :no_proxy. */
  readonly proxy?: string | null;
  readonly noProxy?: string | null;
  /** Default "OpenNebula 6.10.5 (Sunstone)", as Sunstone's OneFlow client. */
  readonly userAgent?: string;
}

export interface OneFlowCall {
  /** :oneflow_server or the zone's ONEFLOW_ENDPOINT. */
  readonly baseUrl: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. /service/3/action */
  readonly path: string;
  readonly user: string;
  readonly password: string;
  readonly body?: string | Buffer;
  readonly contentType?: string;
}

export interface OneFlowAnswer {
  readonly status: number;
  readonly body: Buffer;
}

const UNREACHABLE: Readonly<Record<string, string>> = {
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
  EPIPE: 'Broken pipe',
  UND_ERR_SOCKET: 'connection closed by the server',
};

function errCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors) && e.errors.length > 0) return errCode(e.errors[0]);
  return e.cause === undefined ? undefined : errCode(e.cause);
}

/** `:no_proxy` as Ruby's client read it: host names (and their subdomains), IP addresses, CIDRs, `*`. */
export function bypassesProxy(host: string, noProxy: string | null | undefined): boolean {
  if (noProxy === null || noProxy === undefined) return false;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  for (const raw of noProxy.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    if (item === '*') return true;
    const [net, bits] = item.split('/');
    if (isIP(bare) !== 0 && net !== undefined && isIP(net) !== 0) {
      const list = new BlockList();
      const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(net, family);
      else list.addSubnet(net, Number(bits), family);
      if (isIP(bare) === isIP(net) && list.check(bare, family)) return true;
      continue;
    }
    const domain = item.replace(/^\./, '').toLowerCase();
    const h = bare.toLowerCase();
    if (h === domain || h.endsWith(`.${domain}`)) return true;
  }
  return false;
}

export class OneFlowClient {
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #userAgent: string;
  readonly #direct: Agent;
  readonly #proxied: ProxyAgent | null;
  readonly #noProxy: string | null;

  constructor(options: OneFlowClientOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
    this.#userAgent = options.userAgent ?? 'OpenNebula 6.10.5 (Sunstone)';
    const common = {
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
      connections: options.connections ?? 16,
    };
    this.#direct = new Agent({ ...common, maxOrigins: 64 });
    this.#proxied = options.proxy ? new ProxyAgent({ ...common, uri: options.proxy }) : null;
    this.#noProxy = options.noProxy ?? null;
  }

  async request(call: OneFlowCall): Promise<OneFlowAnswer> {
    const url = target(call.baseUrl, call.path);
    const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
    const dispatcher: Dispatcher =
      this.#proxied !== null && !bypassesProxy(url.hostname, this.#noProxy) ? this.#proxied : this.#direct;
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${call.user}:${call.password}`, 'utf8').toString('base64')}`,
      'user-agent': this.#userAgent,
    };
    if (call.contentType !== undefined) headers['content-type'] = call.contentType;
    try {
      const res = await dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: call.body }),
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > this.#maxBytes) {
          res.body.destroy();
          throw new OneFlowTooLargeError(this.#maxBytes, where);
        }
        chunks.push(b);
      }
      return { status: res.statusCode, body: Buffer.concat(chunks) };
    } catch (err) {
      throw this.#failure(err, url, where);
    }
  }

  /** Let requests in flight finish, then close the sockets. */
  async close(): Promise<void> {
    await Promise.all([this.#direct.close(), this.#proxied?.close()]);
  }

  async destroy(): Promise<void> {
    await Promise.all([this.#direct.destroy(), this.#proxied?.destroy()]);
  }

  #failure(err: unknown, url: URL, where: string): unknown {
    if (
      typeof err === 'object' &&
      err !== null &&
      String((err as { code?: unknown }).code).startsWith('SUN_ERR_')
    ) {
      return err;
    }
    const code = errCode(err);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    if (code === 'ECONNREFUSED') {
      return new OneFlowUnreachableError(
        `Connection refused - connect(2) for "${url.hostname}" port ${port}`,
        where,
        err,
      );
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
      return new OneFlowTimeoutError(false, 'execution expired', where, err);
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new OneFlowTimeoutError(true, `no answer within ${this.#timeoutMs / 1000} s`, where, err);
    }
    const why =
      (code !== undefined ? UNREACHABLE[code] : undefined) ??
      (err instanceof Error ? err.message : String(err));
    return new OneFlowUnreachableError(why, where, err);
  }
}

/** The base URL's path in front of `path` (one slash between them, where Ruby's client made two). */
export function target(baseUrl: string, path: string): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new OneFlowUrlError(baseUrl);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new OneFlowUrlError(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${base.origin}${prefix}${path}`);
}
