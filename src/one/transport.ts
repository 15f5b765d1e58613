// HTTP transport to one oned endpoint: an undici Pool (deps.md §2b), POST text/xml, the answer read
// as one Buffer (the codec works on bytes; `.text()` then string processing is 8x slower).
// oned's Abyss server answers every call with `Connection: close` (oned-samples/README.md): undici
// then simply opens a new socket for the next call; with a keep-alive server it reuses sockets.
// Failures become typed errors that name the endpoint and the setting to check (errors.ts).
import { Pool, type Dispatcher } from 'undici';
import {
  OneAbortedError,
  OneClosedError,
  OneEndpointError,
  OneResetError,
  OneResponseTooLargeError,
  OneTimeoutError,
  OneUnreachableError,
  OneHttpError,
  OneXmlRpcParseError,
  type EndpointContext,
} from './errors.js';
import { SunstoneError } from '../errors.js';

export interface TransportOptions {
  /** http(s)://HOST:PORT/PATH, usually :one_xmlrpc. */
  readonly endpoint: string;
  /** :one_xmlrpc_timeout in ms: the wait for headers, and the longest silence inside a body. */
  readonly timeoutMs: number;
  /** :one_xmlrpc_max_connections: sockets open at most (calls beyond it queue). */
  readonly maxConnections: number;
  /** The sunstone-server.conf in use, named in error messages. */
  readonly configFile?: string | null;
  /** Largest answer accepted (default 512 MiB: V8 cannot hold a longer string anyway). */
  readonly maxResponseBytes?: number;
  /** Idle keep-alive sockets are closed after this (default 10 s, under oned's KEEPALIVE_TIMEOUT 15 s). */
  readonly keepAliveTimeoutMs?: number;
  /** Builds the dispatcher below (default an undici Pool); tests swap it, as undici's own `factory`. */
  readonly factory?: (origin: string, opts: Pool.Options) => Dispatcher;
}

export interface OneTransport {
  /** The endpoint as shown to people (no user:password). */
  readonly endpoint: string;
  /** POSTs one XML-RPC body; resolves with the whole 200 answer, or rejects with a typed error. */
  post(method: string, body: Buffer, signal?: AbortSignal): Promise<Buffer>;
  /** Let calls in flight finish, then close the sockets. */
  close(): Promise<void>;
  /** Close the sockets now; calls in flight fail. */
  destroy(): Promise<void>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;
const DEFAULT_KEEPALIVE_MS = 10_000;

/** Parses an endpoint; the display form drops any user:password so it can go in logs and messages. */
export function parseEndpoint(
  endpoint: string,
  configFile?: string | null,
): { origin: string; path: string; display: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new OneEndpointError(endpoint, configFile);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new OneEndpointError(endpoint, configFile);
  }
  const path = (url.pathname || '/') + url.search;
  return { origin: url.origin, path, display: `${url.origin}${path}` };
}

/** The endpoint for logs and messages: no user:password, never throws. */
export function displayEndpoint(endpoint: string): string {
  try {
    return parseEndpoint(endpoint).display;
  } catch {
    return 'an invalid endpoint';
  }
}

function errCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string') return e.code;
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  if (Array.isArray(e.errors) && e.errors.length > 0) return errCode(e.errors[0]);
  if (e.cause !== undefined) return errCode(e.cause);
  return undefined;
}

const UNREACHABLE_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EAI_NONAME: 'host name not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  EADDRNOTAVAIL: 'address not available',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};

const RESET_REASONS: Readonly<Record<string, string>> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'broken pipe',
  UND_ERR_SOCKET: 'socket closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'answer shorter than its Content-Length',
};

/** Turns what undici or the socket threw into one of our typed errors. */
export function mapTransportError(
  err: unknown,
  ctx: EndpointContext,
  method: string,
  timeoutMs: number,
  maxResponseBytes: number,
): unknown {
  if (err instanceof SunstoneError) return err;
  const code = errCode(err);
  if (code === undefined) {
    if (err instanceof Error && err.name === 'AbortError') return new OneAbortedError(ctx, method, err);
    return new OneResetError(ctx, err instanceof Error ? err.message : String(err), err);
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new OneTimeoutError(ctx, timeoutMs, err);
  }
  if (code === 'UND_ERR_ABORTED' || code === 'UND_ERR_ABORT' || code === 'ABORT_ERR') {
    return new OneAbortedError(ctx, method, err);
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
    return new OneResponseTooLargeError(ctx, maxResponseBytes, err);
  if (code.startsWith('HPE_'))
    return new OneXmlRpcParseError(ctx, method, `not an HTTP answer: ${code}`, err);
  const unreachable = UNREACHABLE_REASONS[code];
  if (unreachable !== undefined) return new OneUnreachableError(ctx, unreachable, err);
  if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') return new OneClosedError(ctx.endpoint, err);
  return new OneResetError(ctx, RESET_REASONS[code] ?? code, err);
}

/** One endpoint, one pool of at most `maxConnections` sockets. */
export function createTransport(opts: TransportOptions): OneTransport {
  const { origin, path, display } = parseEndpoint(opts.endpoint, opts.configFile);
  const ctx: EndpointContext = { endpoint: display, configFile: opts.configFile ?? null };
  const timeoutMs = opts.timeoutMs;
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const poolOpts: Pool.Options = {
    connections: Math.max(1, opts.maxConnections),
    pipelining: 1,
    keepAliveTimeout: opts.keepAliveTimeoutMs ?? DEFAULT_KEEPALIVE_MS,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    maxResponseSize: maxResponseBytes,
  };
  const dispatcher = opts.factory ? opts.factory(origin, poolOpts) : new Pool(origin, poolOpts);
  const headers = {
    'content-type': 'text/xml',
    // As the Ruby OCA does: oned does not compress, and the codec wants raw bytes.
    'accept-encoding': 'identity',
    'user-agent': 'sunstone-server',
  };

  // dispatch() with a handler that gathers the chunks, rather than request() and a stream read with
  // for-await: an oned call allocates a body stream, an async iterator and a promise per chunk
  // otherwise, which was a visible part of every GET /vm/:id and of every login (four calls).
  function post(method: string, body: Buffer, signal?: AbortSignal): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const fail = (err: unknown): void =>
        reject(mapTransportError(err, ctx, method, timeoutMs, maxResponseBytes));
      if (signal?.aborted) {
        fail(signal.reason);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      // As request() does: an abort before the call has a socket takes effect when it gets one.
      let abortCall: ((err: Error) => void) | null = null;
      let abortWanted = false;
      const onAbort = (): void => {
        if (abortCall) abortCall(signal?.reason as Error);
        else abortWanted = true;
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      const handler: Dispatcher.DispatchHandler = {
        onConnect(abort) {
          abortCall = abort;
          if (abortWanted) abort(signal?.reason as Error);
        },
        onHeaders(statusCode) {
          status = statusCode;
          return true;
        },
        onData(chunk) {
          // Anything but 200 is read to the end and dropped (the socket stays usable).
          if (status === 200) {
            chunks.push(chunk);
            size += chunk.length;
          }
          return true;
        },
        onComplete() {
          done();
          if (status !== 200) fail(new OneHttpError(ctx, status));
          else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
        },
        onError(err) {
          done();
          fail(err);
        },
      };
      try {
        dispatcher.dispatch({ origin, path, method: 'POST', headers, body }, handler);
      } catch (err) {
        fail(err);
      }
    });
  }

  return {
    endpoint: display,
    post,
    close: () => dispatcher.close(),
    destroy: () => dispatcher.destroy(),
  };
}
