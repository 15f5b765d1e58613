// Errors of the OneFlow proxy (reference sunstone-server.md §3.9). The first two carry the words and
// statuses of Sunstone's OneFlow client (CloudClient.http_start): 503 when the server cannot be
// reached, 504 on a timeout, each ending with "Server: host:port"; the UI shows them as they are.
import { SunstoneError } from '../errors.js';

/** OneFlow refused the connection or cannot be reached at all. */
export class OneFlowUnreachableError extends SunstoneError {
  constructor(why: string, where: string, cause?: unknown) {
    super('SUN_ERR_ONEFLOW_UNREACHABLE', `Error connecting to server (${why}).\nServer: ${where}`, {
      statusCode: 503,
      cause,
    });
    this.name = 'OneFlowUnreachableError';
  }
}

/** OneFlow did not accept the connection, or did not answer, in time. */
export class OneFlowTimeoutError extends SunstoneError {
  constructor(connected: boolean, why: string, where: string, cause?: unknown) {
    super(
      'SUN_ERR_ONEFLOW_TIMEOUT',
      `Error timeout ${connected ? 'while connected' : 'connecting'} to server (${why}).\nServer: ${where}`,
      { statusCode: 504, cause },
    );
    this.name = 'OneFlowTimeoutError';
  }
}

/** OneFlow's answer is larger than the proxy passes on. */
export class OneFlowTooLargeError extends SunstoneError {
  constructor(max: number, where: string) {
    super(
      'SUN_ERR_ONEFLOW_TOO_LARGE',
      `OneFlow at ${where} sent an answer larger than ${max} bytes, which this server does not pass on`,
      { statusCode: 502 },
    );
    this.name = 'OneFlowTooLargeError';
  }
}

/** The OneFlow URL (:oneflow_server or a zone's ONEFLOW_ENDPOINT) is not an http(s) URL. */
export class OneFlowUrlError extends SunstoneError {
  constructor(url: string) {
    super(
      'SUN_ERR_ONEFLOW_URL',
      `The OneFlow URL "${url}" is not an http(s) URL; correct :oneflow_server in sunstone-server.conf, or the ` +
        "zone's ONEFLOW_ENDPOINT (onezone update), e.g. http://localhost:2474/",
      { statusCode: 500 },
    );
    this.name = 'OneFlowUrlError';
  }
}
