// Errors of the session layer (stores, cookies, CSRF). A store that cannot answer is a 503, never a
// 401: logging a user out because memcached hiccupped would lose their work for nothing.
import { SunstoneError } from '../errors.js';

/** The session store failed (memcached down, timeout ...); the request cannot be authorised. */
export class SessionStoreError extends SunstoneError {
  constructor(operation: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      'SUN_ERR_SESSION_STORE',
      `The session store failed to ${operation} a session (${why}); check that the store configured ` +
        'with :sessions in sunstone-server.conf is running and reachable',
      { statusCode: 503, cause },
    );
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
