// Errors of the session layer (stores, cookies, CSRF). A store that cannot answer is a 503, never a
// 401: logging a user out because memcached hiccupped would lose their work for nothing.
import { SunstoneError } from '../errors.js';

/**
 * The session store cannot answer (memcached down, timeout, overloaded): the request cannot be
 * authorised. `detail` names the store, host:port and what to do; the message starts with
 * "session store unavailable:" so clients and logs can tell it from a logout.
 */
export class SessionStoreError extends SunstoneError {
  constructor(detail: string, options: { cause?: unknown } = {}) {
    super('SUN_ERR_SESSION_STORE', `session store unavailable: ${detail}`, {
      statusCode: 503,
      cause: options.cause,
    });
    this.name = 'SessionStoreError';
  }
}

/** An option given to the session plugin or a store is out of range. */
export class SessionOptionError extends SunstoneError {
  constructor(option: string, problem: string) {
    super('SUN_ERR_SESSION_OPTION', `Session option ${option} ${problem}`, { statusCode: 500 });
    this.name = 'SessionOptionError';
  }
}

/** `:sessions: memory` with several worker processes: each worker would hold its own sessions. */
export class SessionWorkersError extends SunstoneError {
  constructor(workers: number, where: string) {
    super(
      'SUN_ERR_SESSION_WORKERS',
      `:sessions is memory but :workers is ${workers} in ${where}: sessions in memory live in one ` +
        'process, so a user logged in through one worker would be logged out by the others; ' +
        'set :sessions: memcache (with memcached running, see :memcache_host) or :workers: 1',
      { statusCode: 500 },
    );
    this.name = 'SessionWorkersError';
  }
}
