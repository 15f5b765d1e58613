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
  /** Too many failed logins from one address or for one user name (POST /login answers 429). */
  loginLimited: 'SUN_ERR_AUTH_LOGIN_LIMITED',
  /** A TOTP secret that is not base32 (2FA enrolment, QR code). */
  twoFactorSecret: 'SUN_ERR_AUTH_TWO_FACTOR_SECRET',
  /** The code sent to enable 2FA does not match the secret. */
  twoFactorCode: 'SUN_ERR_AUTH_TWO_FACTOR_CODE',
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

/** Logins refused for a while after too many failures; `retryAfter` is in seconds. */
export class LoginLimitedError extends AuthError {
  readonly retryAfter: number;

  constructor(retryAfter: number) {
    super(
      AUTH_ERROR_CODES.loginLimited,
      `Too many failed logins from this address or for this user; try again in ${retryAfter} seconds`,
      { statusCode: 429 },
    );
    this.name = 'LoginLimitedError';
    this.retryAfter = retryAfter;
  }
}

/** 2FA enrolment or its QR code with a secret authenticator apps cannot use. */
export class TwoFactorSecretError extends AuthError {
  constructor() {
    super(
      AUTH_ERROR_CODES.twoFactorSecret,
      'The two-factor secret must be base32 (letters A-Z and digits 2-7, at most 128 characters), ' +
        'as authenticator apps expect',
      { statusCode: 400 },
    );
    this.name = 'TwoFactorSecretError';
  }
}

/** enable_two_factor_auth with a code that does not match the secret: nothing was saved. */
export class TwoFactorCodeError extends AuthError {
  constructor() {
    super(
      AUTH_ERROR_CODES.twoFactorCode,
      'Invalid token: the 6-digit code does not match the secret, so two-factor authentication was ' +
        'not enabled; scan the QR code again and send the code the app shows now (check the phone clock)',
      { statusCode: 400 },
    );
    this.name = 'TwoFactorCodeError';
  }
}
