// The oned client: the only code that speaks XML-RPC (design.md). It puts the session string first,
// checks oned's result array (oned-xmlrpc.md §1.2: [true, value, 0] or
// [false, message, code, resp_id, replication_index]) and turns every failure into a typed error.
// Every call is published on the `sunstone:one:call` diagnostics channel, without the session.
import { channel } from 'node:diagnostics_channel';
import { decodeResponse, encodeCall, type MethodResponse, type XmlRpcValue } from './codec.js';
import type { ResourceKind } from './catalogue.js';
import {
  OneBadResponseError,
  OneError,
  OneFaultError,
  OneXmlRpcParseError,
  type EndpointContext,
} from './errors.js';
import { splitLargeStringAnswer } from './large-answer.js';
import { fetchedDocument, type FetchedDocument } from './fetched-document.js';
import { fetchPool, type PoolFetchDeps } from './pool-fetch.js';
import { fetchPoolText } from './pool-text.js';
import {
  createTransport,
  displayEndpoint,
  parseEndpoint,
  type OneTransport,
  type TransportOptions,
} from './transport.js';
import { createTransportMap } from './transport-map.js';
import type { XmlJsonRules } from './xml-to-json.js';
import {
  ONE_CALL_CHANNEL,
  type CallOptions,
  type OneCallEvent,
  type OneClient,
  type OneJson,
  type PoolText,
} from './types.js';
import { SunstoneError } from '../errors.js';

export interface OneClientOptions {
  /** :one_xmlrpc, e.g. http://127.0.0.1:2633/RPC2 */
  readonly endpoint: string;
  /** :one_xmlrpc_timeout, in ms. */
  readonly timeoutMs: number;
  /** :one_xmlrpc_max_connections (per endpoint). */
  readonly maxConnections: number;
  /** ONE_POOL_PAGE_SIZE; 0 (or anything under 2, as OCA does) disables paging. */
  readonly pageSize: number;
  /** The sunstone-server.conf in use, named in error messages. */
  readonly configFile?: string | null;
  /** Builds the transport of one endpoint (tests swap it). */
  readonly transportFactory?: (opts: TransportOptions) => OneTransport;
  /** Endpoints (zones) held at once; default 16. */
  readonly maxEndpoints?: number;
  /** Bound on a paged pool's elements; default 1,000,000. */
  readonly maxPoolElements?: number;
  /** Clock for call durations (ms). */
  readonly now?: () => number;
  /** How conversions give the event loop a turn (default setImmediate). */
  readonly yieldToLoop?: () => Promise<void>;
  /**
   * Answers from this size on are decoded slice by slice into the converter (default 64 KiB: a
   * decoded string over 128 KiB is a V8 large object, which only a full collection frees; a pool
   * page of 200 VMs is about 260 KB).
   */
  readonly largeAnswerBytes?: number;
}

/** Element [1] of a success array, or the typed error the answer stands for. */
export function interpretResponse(res: MethodResponse, method: string, ctx: EndpointContext): XmlRpcValue {
  if (res.fault) throw new OneFaultError(method, res.code, res.message);
  const v = res.value;
  if (!Array.isArray(v) || typeof v[0] !== 'boolean') {
    throw new OneBadResponseError(
      ctx,
      method,
      Array.isArray(v) ? 'an array not starting with a boolean' : 'a non-array result',
    );
  }
  if (v[0]) {
    if (v.length < 2) throw new OneBadResponseError(ctx, method, 'a success array without a value');
    return v[1] as XmlRpcValue;
  }
  const [, message, code, respId] = v;
  if (typeof message !== 'string' || typeof code !== 'number') {
    throw new OneBadResponseError(ctx, method, 'a failure array without message and code');
  }
  throw new OneError(method, message, code, typeof respId === 'number' ? respId : -1);
}

/** The XML document a call answered, or a typed error when oned sent something else. */
function expectXml(value: XmlRpcValue, method: string, ctx: EndpointContext): string {
  if (typeof value !== 'string') {
    throw new OneBadResponseError(ctx, method, `a ${Array.isArray(value) ? 'array' : typeof value} result`);
  }
  return value;
}

export function createOneClient(opts: OneClientOptions): OneClient {
  const configFile = opts.configFile ?? null;
  // Fails now, with the file and key, rather than at the first call.
  const defaultEndpoint = opts.endpoint;
  parseEndpoint(defaultEndpoint, configFile);
  const pageSize = opts.pageSize >= 2 ? Math.floor(opts.pageSize) : 0;
  const now = opts.now ?? (() => performance.now());
  const loopOpts = opts.yieldToLoop ? { yieldToLoop: opts.yieldToLoop } : {};
  const largeBytes = opts.largeAnswerBytes ?? 64 * 1024;
  const makeTransport = opts.transportFactory ?? createTransport;
  const transports = createTransportMap({
    maxEndpoints: opts.maxEndpoints ?? 16,
    create: (endpoint) =>
      makeTransport({
        endpoint,
        timeoutMs: opts.timeoutMs,
        maxConnections: opts.maxConnections,
        configFile,
      }),
  });
  const calls = channel(ONE_CALL_CHANNEL);

  function publish(event: OneCallEvent): void {
    if (calls.hasSubscribers) calls.publish(event);
  }

  /** Decoded answer of one call: element [1], or for a large document its location in `buf`. */
  interface Answer {
    readonly value: XmlRpcValue;
    readonly large?: { readonly buf: Buffer; readonly start: number; readonly end: number };
    readonly ctx: EndpointContext;
  }

  async function exchange(
    session: string,
    method: string,
    params: readonly XmlRpcValue[],
    callOpts: CallOptions,
    allowLarge: boolean,
  ): Promise<Answer> {
    const t0 = now();
    let endpoint = callOpts.endpoint ?? defaultEndpoint;
    try {
      const transport = transports.get(endpoint);
      endpoint = transport.endpoint;
      const ctx: EndpointContext = { endpoint, configFile };
      const buf = await transport.post(method, encodeCall(method, [session, ...params]), callOpts.signal);
      let res: MethodResponse;
      let large: Answer['large'];
      try {
        const split = allowLarge && buf.length >= largeBytes ? splitLargeStringAnswer(buf) : null;
        if (split) large = { buf, start: split.start, end: split.end };
        res = split ? split.response : decodeResponse(buf);
      } catch (err) {
        throw new OneXmlRpcParseError(ctx, method, err instanceof Error ? err.message : String(err), err);
      }
      const value = interpretResponse(res, method, ctx);
      publish({ method, endpoint, durationMs: now() - t0, outcome: 'ok' });
      return large ? { value, large, ctx } : { value, ctx };
    } catch (err) {
      publish({
        method,
        endpoint: displayEndpoint(endpoint),
        durationMs: now() - t0,
        outcome: err instanceof SunstoneError ? err.code : 'error',
        ...(err instanceof OneError ? { oneCode: err.oneCode } : {}),
      });
      throw err;
    }
  }

  async function call(
    session: string,
    method: string,
    params: readonly XmlRpcValue[],
    callOpts: CallOptions = {},
  ): Promise<XmlRpcValue> {
    return (await exchange(session, method, params, callOpts, false)).value;
  }

  /** A call whose answer is an XML document, fetched but not converted yet. */
  async function fetchDocument(
    session: string,
    method: string,
    params: readonly XmlRpcValue[],
    callOpts: CallOptions,
  ): Promise<FetchedDocument> {
    const { value, large, ctx } = await exchange(session, method, params, callOpts, true);
    return fetchedDocument(large ?? { xml: expectXml(value, method, ctx) }, {
      origin: `the answer of oned at ${ctx.endpoint}`,
      ...loopOpts,
    });
  }

  /** A call whose answer is an XML document, converted to Sunstone JSON with `rules`. */
  async function document(
    session: string,
    method: string,
    params: readonly XmlRpcValue[],
    callOpts: CallOptions,
    rules: XmlJsonRules,
    what: string,
  ): Promise<OneJson> {
    return (await fetchDocument(session, method, params, callOpts)).toJson(rules, what);
  }

  function poolDeps(session: string, callOpts: CallOptions): PoolFetchDeps {
    return {
      fetch: async (method, params, pageSignal) => {
        const outer = callOpts.signal;
        if (pageSignal === undefined || outer === undefined) {
          const signal = pageSignal ?? outer;
          return fetchDocument(session, method, params, signal ? { ...callOpts, signal } : callOpts);
        }
        // Cancelled by either the caller or the pager (a call ahead no longer needed). Listeners are
        // removed afterwards: the caller's signal lives as long as a listing of many pages.
        const both = new AbortController();
        const abort = (): void => both.abort();
        outer.addEventListener('abort', abort);
        pageSignal.addEventListener('abort', abort);
        if (outer.aborted || pageSignal.aborted) abort();
        try {
          return await fetchDocument(session, method, params, { ...callOpts, signal: both.signal });
        } finally {
          outer.removeEventListener('abort', abort);
          pageSignal.removeEventListener('abort', abort);
        }
      },
      pageSize,
      maxElements: opts.maxPoolElements ?? 1_000_000,
    };
  }

  function info(
    session: string,
    kind: ResourceKind,
    id: number,
    infoOpts: CallOptions & { decrypt?: boolean } = {},
  ): Promise<OneJson> {
    const method = `one.${kind.rpc}.info`;
    // decrypt is only sent when asked for, as Sunstone does (one.<r>.info(id[, decrypt])).
    const params: XmlRpcValue[] = infoOpts.decrypt ? [id, true] : [id];
    return document(session, method, params, infoOpts, 'dom', method);
  }

  function infoText(
    session: string,
    kind: ResourceKind,
    id: number,
    infoOpts: CallOptions & { decrypt?: boolean } = {},
  ): Promise<string> {
    const method = `one.${kind.rpc}.info`;
    const params: XmlRpcValue[] = infoOpts.decrypt ? [id, true] : [id];
    return fetchDocument(session, method, params, infoOpts).then((doc) => doc.toPrettyText(method));
  }

  function pool(
    session: string,
    kind: ResourceKind,
    filter: number,
    poolOpts: CallOptions & { extended?: boolean } = {},
  ): Promise<OneJson> {
    return fetchPool(poolDeps(session, poolOpts), kind, filter, poolOpts);
  }

  function poolText(
    session: string,
    kind: ResourceKind,
    filter: number,
    poolOpts: CallOptions & { extended?: boolean } = {},
  ): Promise<PoolText> {
    return fetchPoolText(poolDeps(session, poolOpts), kind, filter, poolOpts);
  }

  return {
    call,
    info,
    infoText,
    pool,
    poolText,
    close: () => transports.close(),
    destroy: () => transports.destroy(),
  };
}
