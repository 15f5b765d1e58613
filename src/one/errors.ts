// Errors of the oned client. Three families, kept apart so callers can react differently
// (design.md: an unreachable oned is a 503 on API routes, a failure oned reported is not):
// - oned said no: the 5-element failure array (oned-xmlrpc.md §1.2, §1.4) -> OneError, whose message
//   is oned's text unchanged, so the user sees exactly what oned said;
// - xmlrpc-c rejected the call before oned saw it: a <fault> (§1.3) -> OneFaultError;
// - we never got a usable answer: refused, reset, timeout, non-200, malformed -> transport classes,
//   whose messages name the endpoint and the configuration key to check.
// Callers match on `code` (hasCode / isTransportError), never on instanceof.
import { SunstoneError } from '../errors.js';

/** oned's error codes (include/Request.h; oned-xmlrpc.md §1.4), by number. */
export const ONE_ERROR_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0x0100: 'AUTHENTICATION',
  0x0200: 'AUTHORIZATION',
  0x0400: 'NO_EXISTS',
  0x0800: 'ACTION',
  0x1000: 'XML_RPC_API',
  0x2000: 'INTERNAL',
  0x4000: 'ALLOCATE',
  0x8000: 'LOCKED',
  0x10000: 'REPLICATION',
});

/** Every code this layer throws (docs/errors.md must list them all). */
export const ONE_ERROR_CODES = Object.freeze([
  'SUN_ERR_ONE_AUTHENTICATION',
  'SUN_ERR_ONE_AUTHORIZATION',
  'SUN_ERR_ONE_NO_EXISTS',
  'SUN_ERR_ONE_ACTION',
  'SUN_ERR_ONE_XML_RPC_API',
  'SUN_ERR_ONE_INTERNAL',
  'SUN_ERR_ONE_ALLOCATE',
  'SUN_ERR_ONE_LOCKED',
  'SUN_ERR_ONE_REPLICATION',
  'SUN_ERR_ONE_UNKNOWN',
  'SUN_ERR_ONE_FAULT',
  'SUN_ERR_ONE_UNREACHABLE',
  'SUN_ERR_ONE_RESET',
  'SUN_ERR_ONE_TIMEOUT',
  'SUN_ERR_ONE_HTTP',
  'SUN_ERR_ONE_XMLRPC_PARSE',
  'SUN_ERR_ONE_BAD_RESPONSE',
  'SUN_ERR_ONE_RESPONSE_TOO_LARGE',
  'SUN_ERR_ONE_XML_PARSE',
  'SUN_ERR_ONE_ABORTED',
  'SUN_ERR_ONE_CLOSED',
  'SUN_ERR_ONE_ENDPOINT',
  'SUN_ERR_ONE_POOL_TOO_LARGE',
  'SUN_ERR_ONE_TEMPLATE_VALUE',
  'SUN_ERR_ONE_ACL_RULE',
] as const);

export type OneErrorCode = (typeof ONE_ERROR_CODES)[number];

/**
 * oned answered [false, message, code, resp_id, replication_index]. Sunstone has no mapping from
 * oned codes to HTTP statuses (sunstone-server.md §4.4): routes choose (404 for reads, 500 otherwise),
 * so statusCode is 500 here.
 */
export class OneError extends SunstoneError {
  /** oned's numeric code: 256, 512, 1024 ... */
  readonly oneCode: number;
  /** oned's name for it: 'AUTHENTICATION', ... or 'UNKNOWN' for a code this client does not know. */
  readonly oneName: string;
  /** The object that caused the error, -1 when none (element [3]; absent in old oneds). */
  readonly respId: number;
  /** The XML-RPC method that failed (never the session string). */
  readonly method: string;

  constructor(method: string, message: string, oneCode: number, respId: number) {
    const oneName = ONE_ERROR_NAMES[oneCode] ?? 'UNKNOWN';
    super(`SUN_ERR_ONE_${oneName}`, message, { statusCode: 500 });
    this.name = 'OneError';
    this.oneCode = oneCode;
    this.oneName = oneName;
    this.respId = respId;
    this.method = method;
  }
}

/** xmlrpc-c refused the call with a <fault> (-501 wrong arguments, -506 unknown method). */
export class OneFaultError extends SunstoneError {
  readonly faultCode: number;
  readonly method: string;

  constructor(method: string, faultCode: number, faultString: string) {
    super('SUN_ERR_ONE_FAULT', faultString, { statusCode: 500 });
    this.name = 'OneFaultError';
    this.faultCode = faultCode;
    this.method = method;
  }
}

/** Where a transport failure happened, for messages that tell the operator what to check. */
export interface EndpointContext {
  /** The endpoint as shown to people: no user:password part. */
  readonly endpoint: string;
  /** The sunstone-server.conf the endpoint came from, when known. */
  readonly configFile?: string | null;
}

function keyHint(ctx: EndpointContext): string {
  return `:one_xmlrpc in ${ctx.configFile ?? 'sunstone-server.conf'}`;
}

const TRANSPORT_CODES: ReadonlySet<string> = new Set([
  'SUN_ERR_ONE_UNREACHABLE',
  'SUN_ERR_ONE_RESET',
  'SUN_ERR_ONE_TIMEOUT',
  'SUN_ERR_ONE_HTTP',
  'SUN_ERR_ONE_XMLRPC_PARSE',
]);

/** Base of the failures where oned gave no usable answer: 503, the endpoint in `endpoint`. */
export class OneTransportError extends SunstoneError {
  readonly endpoint: string;

  constructor(code: string, message: string, ctx: EndpointContext, cause?: unknown, statusCode = 503) {
    super(code, message, { statusCode, cause });
    this.name = 'OneTransportError';
    this.endpoint = ctx.endpoint;
  }
}

/** Connection refused, DNS failure, host or network unreachable, connect timeout. */
export class OneUnreachableError extends OneTransportError {
  constructor(ctx: EndpointContext, reason: string, cause?: unknown) {
    super(
      'SUN_ERR_ONE_UNREACHABLE',
      `cannot reach oned at ${ctx.endpoint} (${reason}); check ${keyHint(ctx)} and that oned is running`,
      ctx,
      cause,
    );
    this.name = 'OneUnreachableError';
  }
}

/** The socket closed before a whole response arrived. */
export class OneResetError extends OneTransportError {
  constructor(ctx: EndpointContext, reason: string, cause?: unknown) {
    super(
      'SUN_ERR_ONE_RESET',
      `oned at ${ctx.endpoint} closed the connection before answering in full (${reason}); ` +
        'check that oned is still running (oned.log) and that nothing between us drops long answers',
      ctx,
      cause,
    );
    this.name = 'OneResetError';
  }
}

/** No headers, or a silent body, for longer than :one_xmlrpc_timeout. */
export class OneTimeoutError extends OneTransportError {
  readonly timeoutMs: number;

  constructor(ctx: EndpointContext, timeoutMs: number, cause?: unknown) {
    super(
      'SUN_ERR_ONE_TIMEOUT',
      `oned at ${ctx.endpoint} did not answer within ${timeoutMs / 1000} s; oned may be overloaded, ` +
        `or raise :one_xmlrpc_timeout in ${ctx.configFile ?? 'sunstone-server.conf'}`,
      ctx,
      cause,
    );
    this.name = 'OneTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** An HTTP status other than 200: something that is not oned's XML-RPC server answered. */
export class OneHttpError extends OneTransportError {
  readonly httpStatus: number;

  constructor(ctx: EndpointContext, httpStatus: number) {
    super(
      'SUN_ERR_ONE_HTTP',
      `oned at ${ctx.endpoint} answered HTTP ${httpStatus} instead of XML-RPC; check that ${keyHint(ctx)} ` +
        'points to oned (http://HOST:2633/RPC2)',
      ctx,
    );
    this.name = 'OneHttpError';
    this.httpStatus = httpStatus;
  }
}

/** The HTTP body is not an XML-RPC methodResponse (same code as the codec's XmlRpcParseError). */
export class OneXmlRpcParseError extends OneTransportError {
  constructor(ctx: EndpointContext, method: string, detail: string, cause?: unknown) {
    super(
      'SUN_ERR_ONE_XMLRPC_PARSE',
      `oned at ${ctx.endpoint} sent an answer to ${method} that is not XML-RPC (${detail}); ` +
        `check that ${keyHint(ctx)} points to oned`,
      ctx,
      cause,
    );
    this.name = 'OneXmlRpcParseError';
  }
}

/** XML-RPC, but not oned's [success, value, code...] array. */
export class OneBadResponseError extends SunstoneError {
  constructor(ctx: EndpointContext, method: string, detail: string) {
    super(
      'SUN_ERR_ONE_BAD_RESPONSE',
      `oned at ${ctx.endpoint} answered ${method} with ${detail}, not oned's result array; ` +
        `check that ${keyHint(ctx)} points to oned`,
      { statusCode: 502 },
    );
    this.name = 'OneBadResponseError';
  }
}

export class OneResponseTooLargeError extends SunstoneError {
  constructor(ctx: EndpointContext, maxBytes: number, cause?: unknown) {
    super(
      'SUN_ERR_ONE_RESPONSE_TOO_LARGE',
      `oned at ${ctx.endpoint} sent an answer larger than ${maxBytes} bytes; ask for smaller pools ` +
        '(a narrower pool filter, or paging with ONE_POOL_PAGE_SIZE)',
      { statusCode: 502, cause },
    );
    this.name = 'OneResponseTooLargeError';
  }
}

/** The document inside oned's answer (e.g. <VM>...</VM>) is not well-formed XML. */
export class OneXmlParseError extends SunstoneError {
  constructor(what: string, detail: string, cause?: unknown) {
    super('SUN_ERR_ONE_XML_PARSE', `the XML document in ${what} is not well-formed: ${detail}`, {
      statusCode: 502,
      cause,
    });
    this.name = 'OneXmlParseError';
  }
}

/** The caller aborted the call (its own HTTP client went away). */
export class OneAbortedError extends SunstoneError {
  constructor(ctx: EndpointContext, method: string, cause?: unknown) {
    super('SUN_ERR_ONE_ABORTED', `call ${method} to oned at ${ctx.endpoint} was aborted by the caller`, {
      statusCode: 499,
      cause,
    });
    this.name = 'OneAbortedError';
  }
}

/** A call after close()/destroy() of the client (shutdown in progress). */
export class OneClosedError extends SunstoneError {
  constructor(endpoint: string, cause?: unknown) {
    super('SUN_ERR_ONE_CLOSED', `the oned client for ${endpoint} is shut down; no more calls are accepted`, {
      statusCode: 503,
      cause,
    });
    this.name = 'OneClosedError';
  }
}

/** The endpoint is not an http(s) URL. */
export class OneEndpointError extends SunstoneError {
  constructor(endpoint: string, configFile?: string | null) {
    super(
      'SUN_ERR_ONE_ENDPOINT',
      `${JSON.stringify(endpoint)} is not an oned endpoint; set :one_xmlrpc in ` +
        `${configFile ?? 'sunstone-server.conf'} to a URL such as http://HOST:2633/RPC2`,
      { statusCode: 500 },
    );
    this.name = 'OneEndpointError';
  }
}

/** A paged pool never returned a short page: a bound against an oned that ignores the offset. */
export class OnePoolTooLargeError extends SunstoneError {
  constructor(method: string, maxElements: number) {
    super(
      'SUN_ERR_ONE_POOL_TOO_LARGE',
      `${method} returned more than ${maxElements} elements across pages; stopped. Check that oned honours ` +
        'the (offset, -size) paging arguments, or narrow the pool filter',
      { statusCode: 502 },
    );
    this.name = 'OnePoolTooLargeError';
  }
}

/**
 * A request value cannot be written as OpenNebula template text (reference §4.7): a number or boolean
 * where Sunstone only takes strings, or a value oned's template syntax cannot carry. A 400: the
 * request is wrong, and oned is never called.
 */
export class TemplateValueError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_ONE_TEMPLATE_VALUE', message, { statusCode: 400 });
    this.name = 'TemplateValueError';
  }
}

/** An ACL rule string that is not "<user> <resources>/<ids> <rights> [<zone>]" (OCA Acl.parse_rule). */
export class AclRuleError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_ONE_ACL_RULE', message, { statusCode: 400 });
    this.name = 'AclRuleError';
  }
}

/**
 * True when oned gave no usable answer (unreachable, reset, timeout, non-200, not XML-RPC): API
 * routes answer 503 and the login page says "OpenNebula is not running".
 */
export function isTransportError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && TRANSPORT_CODES.has(code);
}
