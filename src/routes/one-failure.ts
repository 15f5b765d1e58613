// How a failed oned call reaches the HTTP client. Sunstone picks the status by route, not by oned's
// error code (reference §4.4): reads 404, writes 500. An oned that cannot be reached or times out is
// 503 (design.md, deliberate differences). oned's own message is kept unchanged either way.
import { SunstoneError, sunstoneCodeOf } from '../errors.js';
import { isTransportError } from '../one/errors.js';

/**
 * The error to throw for a failed oned call: same code and message, with `status` when oned
 * answered and 503 when it could not be reached. Errors that are not ours (bugs) pass through.
 */
export function oneFailure(err: unknown, status: number): unknown {
  const code = sunstoneCodeOf(err);
  if (code === undefined || !(err instanceof Error)) return err;
  return new SunstoneError(code, err.message, {
    statusCode: isTransportError(err) ? 503 : status,
    cause: err,
  });
}
