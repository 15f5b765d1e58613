// Errors of the browser's REST layer. Pages match on `code` (never instanceof) to decide what the
// user sees: the login page again, a banner, or oned's own message unchanged.
import { SunstoneError } from '../../errors.js';

/** 401 on an API call: the session expired or was destroyed; the app returns to the login page. */
export class SessionExpiredError extends SunstoneError {
  constructor(path: string) {
    super('SUN_ERR_UI_SESSION_EXPIRED', `The session ended (HTTP 401 on ${path}); sign in again.`, {
      statusCode: 401,
    });
  }
}

/** 503: the server is up but OpenNebula (oned) is not reachable; the page keeps the data it has. */
export class OneUnreachableError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_UI_ONE_UNREACHABLE', message || 'OpenNebula is not reachable from the server.', {
      statusCode: 503,
    });
  }
}

/** Any other error answer; `message` is oned's (or the server's) text, shown to the user unchanged. */
export class RequestRefusedError extends SunstoneError {
  constructor(message: string, statusCode: number) {
    super('SUN_ERR_UI_REQUEST_REFUSED', message, { statusCode });
  }
}

/** fetch itself failed: the server did not answer (down, network, proxy). */
export class NoAnswerError extends SunstoneError {
  constructor(url: string, cause: unknown) {
    super('SUN_ERR_UI_NO_ANSWER', `No answer from the server at ${url}; check the connection.`, {
      statusCode: 0,
      cause,
    });
  }
}

/** The server answered something this UI does not understand (a proxy page, a wrong base path). */
export class BadResponseError extends SunstoneError {
  constructor(what: string, statusCode: number) {
    super('SUN_ERR_UI_BAD_RESPONSE', what, { statusCode });
  }
}

/** POST /login answered 401: wrong user or password, or a wrong two-factor code (the server's words). */
export class LoginRejectedError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_UI_LOGIN_REJECTED', message, { statusCode: 401 });
  }
}

/** POST /login answered 500: the server could not ask OpenNebula (reference §3.2). */
export class LoginUnavailableError extends SunstoneError {
  constructor() {
    super(
      'SUN_ERR_UI_LOGIN_UNAVAILABLE',
      'OpenNebula is not running or cannot be reached by the server; ask your administrator to check oned.',
      { statusCode: 500 },
    );
  }
}

/** POST /login answered 429: too many failed logins from this address or as this user. */
export class LoginLimitedError extends SunstoneError {
  /** Seconds until a login may be tried again; undefined when the server did not say. */
  readonly retryAfter: number | undefined;

  constructor(retryAfter: number | undefined) {
    super('SUN_ERR_UI_LOGIN_LIMITED', `Too many failed logins; try again ${waitText(retryAfter)}`, {
      statusCode: 429,
    });
    this.retryAfter = retryAfter;
  }
}

/** "in N minutes", rounded up: the limiter's windows are minutes long, seconds would only flicker. */
function waitText(seconds: number | undefined): string {
  if (seconds === undefined) return 'later';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
}
