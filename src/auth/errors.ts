// Errors of the auth layer. The serveradmin credentials ones stop start-up, so each message names
// the file, the user the process runs as where it matters, and the command that fixes it. No
// message ever contains a password.
import { SunstoneError } from '../errors.js';

export const AUTH_ERROR_CODES = {
  /** sunstone_auth does not exist. */
  credentialsMissing: 'SUN_ERR_AUTH_CREDENTIALS_MISSING',
  /** sunstone_auth exists but this process may not read it (or it is not a regular file). */
  credentialsUnreadable: 'SUN_ERR_AUTH_CREDENTIALS_UNREADABLE',
  /** sunstone_auth is empty. */
  credentialsEmpty: 'SUN_ERR_AUTH_CREDENTIALS_EMPTY',
  /** sunstone_auth does not hold user:password. */
  credentialsFormat: 'SUN_ERR_AUTH_CREDENTIALS_FORMAT',
  /** ServerTokens built with impossible lifetimes. */
  tokenOptions: 'SUN_ERR_AUTH_TOKEN_OPTIONS',
} as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[keyof typeof AUTH_ERROR_CODES];

export class AuthError extends SunstoneError {
  constructor(code: AuthErrorCode, message: string, options: { cause?: unknown; statusCode?: number } = {}) {
    super(code, message, options);
    this.name = 'AuthError';
  }
}

/** The serveradmin credentials file cannot be used; `file` is its path. */
export class CredentialsError extends AuthError {
  readonly file: string;

  constructor(code: AuthErrorCode, file: string, message: string, cause?: unknown) {
    super(code, message, cause === undefined ? {} : { cause });
    this.name = 'CredentialsError';
    this.file = file;
  }
}
