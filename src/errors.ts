// The base of every error this project throws. Each layer defines its own classes in its own
// errors.ts with a stable code (SUN_ERR_<AREA>_<WHAT>); callers match on `code`, never instanceof.
// docs/errors.md lists every code, and test/unit/errors.test.ts keeps the two in step.

export interface SunstoneErrorOptions {
  /** HTTP status when the error reaches a client. */
  statusCode?: number;
  cause?: unknown;
}

export class SunstoneError extends Error {
  readonly code: string;
  readonly statusCode: number;

  constructor(code: string, message: string, options: SunstoneErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SunstoneError';
    this.code = code;
    this.statusCode = options.statusCode ?? 500;
  }
}

/** The SUN_ERR_* code `err` carries, or undefined when it is not one of ours (a bug, a library's). */
export function sunstoneCodeOf(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SUN_ERR_') ? code : undefined;
}

/** True when `err` carries one of our codes (works across package copies, unlike instanceof). */
export function hasCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
