// Errors of the OpenNebula simulator. Two kinds:
// - oned's own answers, carried as exceptions through the handlers and turned into the wire form
//   at the edge (OnedFailure -> the 5-element failure array, XmlRpcFault -> an XML-RPC <fault>);
// - operator errors (bad command line, port in use, credentials file not writable), whose messages
//   name what is wrong and how to fix it.
// Match on `code` (SUN_ERR_SIM_*), never on instanceof.
import { SunstoneError } from '../errors.js';

/** oned's error codes (reference oned-xmlrpc.md §1.4). */
export const ONED = {
  AUTHENTICATION: 0x0100,
  AUTHORIZATION: 0x0200,
  NO_EXISTS: 0x0400,
  ACTION: 0x0800,
  XML_RPC_API: 0x1000,
  INTERNAL: 0x2000,
  ALLOCATE: 0x4000,
  LOCKED: 0x8000,
} as const;

/** xmlrpc-c's fault codes (reference oned-xmlrpc.md §1.3). */
export const FAULT = {
  TYPE: -501,
  PARSE: -503,
  NO_SUCH_METHOD: -506,
} as const;

/** A failure oned reports inside a normal response: [false, message, code, resp_id, -1]. */
export class OnedFailure extends SunstoneError {
  constructor(
    readonly onedCode: number,
    message: string,
    readonly respId: number = -1,
  ) {
    super('SUN_ERR_SIM_ONED_FAILURE', message, { statusCode: 200 });
    this.name = 'OnedFailure';
  }
}

/** A transport-level XML-RPC fault (wrong arity or type, unknown method, unparsable call). */
export class XmlRpcFault extends SunstoneError {
  constructor(
    readonly faultCode: number,
    message: string,
  ) {
    super('SUN_ERR_SIM_XMLRPC_FAULT', message, { statusCode: 200 });
    this.name = 'XmlRpcFault';
  }
}

/** A bad `sunstone-server oned-sim` command line or startSimulator() option. */
export class SimArgsError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_SIM_ARGS', message, { statusCode: 500 });
    this.name = 'SimArgsError';
  }
}

/** The simulator could not listen (port in use, address not available). */
export class SimListenError extends SunstoneError {
  constructor(message: string, cause: unknown) {
    super('SUN_ERR_SIM_LISTEN', message, { statusCode: 500, cause });
    this.name = 'SimListenError';
  }
}

/** The serveradmin credentials file asked for with --write-auth could not be written. */
export class SimWriteAuthError extends SunstoneError {
  constructor(message: string, cause: unknown) {
    super('SUN_ERR_SIM_WRITE_AUTH', message, { statusCode: 500, cause });
    this.name = 'SimWriteAuthError';
  }
}
