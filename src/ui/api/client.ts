// The browser's only door to the REST API (style.md: ui/api is the only code that calls it). It
// prefixes the base path, sends the CSRF token on every call (reference §5.4; our server also takes
// the X-CSRF-Token header) and turns error answers into typed errors. No DOM here, so it runs under
// node:test with a fake fetch.
import {
  BadResponseError,
  NoAnswerError,
  OneUnreachableError,
  RequestRefusedError,
  SessionExpiredError,
} from './errors.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base, starting with '/'. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as application/json. */
  readonly json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface ApiClient {
  /** The base path the server reported ('' or e.g. '/sunstone'). */
  readonly base: string;
  csrfToken(): string;
  setCsrfToken(token: string): void;
  /** Sends the request; only a missing answer throws (NoAnswerError). For login-style status handling. */
  send(req: ApiRequest): Promise<Response>;
  /** Sends the request and throws the typed error for any non-2xx answer. */
  call(req: ApiRequest): Promise<Response>;
  /** call(), then the body as JSON (BadResponseError when it is not JSON). */
  callJson(req: ApiRequest): Promise<unknown>;
}

export interface ApiClientOptions {
  readonly base: string;
  readonly csrfToken: string;
  readonly fetch: FetchLike;
}

/** Sunstone's error body is {"error":{"message":...}} (reference §4.3); anything else gives ''. */
export async function errorMessage(res: Response): Promise<string> {
  const body = await res.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const error: unknown = parsed.error;
      if (typeof error === 'object' && error !== null && 'message' in error) {
        return typeof error.message === 'string' ? error.message : '';
      }
    }
  } catch {
    // Not JSON: a proxy's error page or a bare status; the caller words a message from the status.
  }
  return '';
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = opts.base.replace(/\/+$/, '');
  let token = opts.csrfToken;

  function urlOf(req: ApiRequest): string {
    const qs = req.query ? new URLSearchParams(req.query).toString() : '';
    return `${base}${req.path}${qs ? `?${qs}` : ''}`;
  }

  async function send(req: ApiRequest): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (token !== '') headers['X-CSRF-Token'] = token;
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(req.json);
    } else if (req.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    const url = urlOf(req);
    try {
      return await opts.fetch(url, {
        method: req.method,
        headers,
        body,
        credentials: 'same-origin',
        signal: req.signal,
      });
    } catch (err) {
      if (req.signal?.aborted) throw err;
      throw new NoAnswerError(url, err);
    }
  }

  async function call(req: ApiRequest): Promise<Response> {
    const res = await send(req);
    if (res.ok) return res;
    if (res.status === 401) throw new SessionExpiredError(req.path);
    const message = await errorMessage(res);
    if (res.status === 503) throw new OneUnreachableError(message);
    throw new RequestRefusedError(
      message ||
        `The server answered HTTP ${res.status} to ${req.method} ${req.path} without a message; see its log.`,
      res.status,
    );
  }

  async function callJson(req: ApiRequest): Promise<unknown> {
    const res = await call(req);
    const body = await res.text();
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new BadResponseError(
        `${req.method} ${req.path} did not answer JSON (HTTP ${res.status}); is the base path right?`,
        res.status,
      );
    }
  }

  return {
    base,
    csrfToken: () => token,
    setCsrfToken(t: string) {
      token = t;
    },
    send,
    call,
    callJson,
  };
}
