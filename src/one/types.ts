// The contract between the oned client (src/one) and its callers (routes, auth, CLI).
// Every call takes the session string oned expects as parameter 0 ("user:password",
// or "serveradmin:<user>:<token>" built by src/auth).
import type { XmlRpcValue } from './codec.js';
import type { ResourceKind } from './catalogue.js';

/** Sunstone's JSON form of an oned document: `{ "<ROOT>": ... }`, every scalar a string. */
export type OneJson = { [key: string]: OneJsonValue };
export type OneJsonValue = string | null | OneJson | OneJsonValue[];

/** The diagnostics_channel every oned call is published on (never with the session string). */
export const ONE_CALL_CHANNEL = 'sunstone:one:call';

/** What is published on ONE_CALL_CHANNEL after each call. */
export interface OneCallEvent {
  readonly method: string;
  /** The endpoint without any user:password part. */
  readonly endpoint: string;
  readonly durationMs: number;
  /** 'ok', or the error's code (SUN_ERR_ONE_AUTHORIZATION, SUN_ERR_ONE_TIMEOUT ...). */
  readonly outcome: string;
  /** oned's numeric code when oned answered with a failure. */
  readonly oneCode?: number;
}

/**
 * A pool's compact JSON text: `whole` when it is short and complete, otherwise `pieces` to write in
 * order; text either as strings or as UTF-8 bytes (each piece valid UTF-8 on its own). Iterating
 * `pieces` throws if a later page fails: the answer is then incomplete, and the writer must make
 * that visible (end the connection) rather than close the JSON.
 */
export type PoolText =
  { readonly whole: string | Buffer } | { readonly pieces: AsyncIterable<string | Buffer> };

export interface CallOptions {
  /** Abort the call (e.g. the HTTP client went away). */
  readonly signal?: AbortSignal;
  /** Another oned endpoint (zones); default the configured :one_xmlrpc. */
  readonly endpoint?: string;
}

export interface OneClient {
  /**
   * One XML-RPC call. Resolves with element [1] of oned's success array; rejects with a OneError
   * (oned's failure array, codes AUTHENTICATION ... keep oned's message) or a transport error
   * (refused, reset, timeout, malformed), each with its own `code`.
   */
  call(
    session: string,
    method: string,
    params: readonly XmlRpcValue[],
    opts?: CallOptions,
  ): Promise<XmlRpcValue>;
  /** `one.<rpc>.info(id)` converted to Sunstone JSON (`{"VM":{...}}`). */
  info(
    session: string,
    kind: ResourceKind,
    id: number,
    opts?: CallOptions & { decrypt?: boolean },
  ): Promise<OneJson>;
  /** The same object as `info()`, as the pretty JSON text Sunstone sends for it. */
  infoText(
    session: string,
    kind: ResourceKind,
    id: number,
    opts?: CallOptions & { decrypt?: boolean },
  ): Promise<string>;
  /**
   * A whole pool as Sunstone returns it: vm/image paged and always an array or null
   * (`{"VM_POOL":{"VM":[...]|null}}`); others, vm with `extended` (one.vmpool.infoextended) and every
   * pool when paging is off, DOM-shaped (`{}` empty, an object for one, an array for more).
   */
  pool(
    session: string,
    kind: ResourceKind,
    filter: number,
    opts?: CallOptions & { extended?: boolean },
  ): Promise<OneJson>;
  /**
   * The same pool as `pool()`, as its compact JSON text (what GET /:pool sends). Resolves once the
   * first oned answer is in, so oned's refusal still rejects here; a paged pool then comes in
   * `pieces`, each page fetched while the previous one is written (see PoolText).
   */
  poolText(
    session: string,
    kind: ResourceKind,
    filter: number,
    opts?: CallOptions & { extended?: boolean },
  ): Promise<PoolText>;
  /** Finish calls in flight, then release sockets. */
  close(): Promise<void>;
  /** Release sockets now, failing calls in flight. */
  destroy(): Promise<void>;
}
