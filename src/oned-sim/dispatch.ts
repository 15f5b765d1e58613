// From request bytes to response bytes: decode the call, find the method (unknown -> fault -506),
// read the session (parameter 0, as oned reads it first), authenticate (oned's AUTHENTICATION
// failure), check the other parameters as xmlrpc-c's paramList would (-501 faults), run the
// handler and encode whatever it answered or threw.
import { decodeCall, type XmlRpcValue } from '../one/codec.js';
import { hasCode } from '../errors.js';
import { authenticate } from './auth.js';
import { Args, type MethodSpec } from './call.js';
import { FAULT, OnedFailure, ONED, XmlRpcFault } from './errors.js';
import { failureBody, faultBody, successBody } from './response.js';
import type { Sim } from './sim.js';

const TYPE_NAMES: Record<string, string> = {
  i: 'integer',
  s: 'a string',
  b: 'boolean',
  A: 'an array',
};

function typeOk(t: string, v: XmlRpcValue): boolean {
  switch (t) {
    case 'i':
      return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
    case 's':
      return typeof v === 'string';
    case 'b':
      return typeof v === 'boolean';
    case 'A':
      return Array.isArray(v);
    default:
      return false;
  }
}

/** xmlrpc-c's getInt/getString/... faults for parameter `index` (0 = the session). */
function checkParam(params: readonly XmlRpcValue[], index: number, type: string): void {
  if (index >= params.length) throw new XmlRpcFault(FAULT.TYPE, 'Not enough parameters');
  if (!typeOk(type, params[index] as XmlRpcValue))
    throw new XmlRpcFault(FAULT.TYPE, `Parameter that is supposed to be ${TYPE_NAMES[type] ?? type} is not`);
}

function checkParams(spec: MethodSpec, params: readonly XmlRpcValue[]): void {
  let i = 1;
  for (const t of spec.params) checkParam(params, i++, t);
  for (const group of spec.optional ?? []) {
    if (params.length <= i) return;
    for (const t of group) checkParam(params, i++, t);
  }
}

export class Dispatcher {
  constructor(
    private readonly sim: Sim,
    private readonly table: ReadonlyMap<string, MethodSpec>,
  ) {}

  get methods(): readonly string[] {
    return [...this.table.keys()];
  }

  handle(body: Buffer): Buffer {
    try {
      return this.call(body);
    } catch (err) {
      if (hasCode(err, 'SUN_ERR_SIM_XMLRPC_FAULT')) return faultBody(err as XmlRpcFault);
      if (hasCode(err, 'SUN_ERR_SIM_ONED_FAILURE')) return failureBody(err as OnedFailure);
      // A bug in a handler: answer as oned answers an internal error rather than dropping the socket.
      const msg = err instanceof Error ? err.message : String(err);
      return failureBody(new OnedFailure(ONED.INTERNAL, `Internal error: ${msg}`));
    }
  }

  private call(body: Buffer): Buffer {
    let method: string;
    let params: XmlRpcValue[];
    try {
      ({ method, params } = decodeCall(body));
    } catch (err) {
      throw new XmlRpcFault(FAULT.PARSE, `Call XML not a proper XML-RPC call.  ${(err as Error).message}`);
    }
    const spec = this.table.get(method);
    if (!spec) throw new XmlRpcFault(FAULT.NO_SUCH_METHOD, `Method '${method}' not defined`);
    checkParam(params, 0, 's');
    const now = this.sim.now();
    const who = authenticate(this.sim.state, params[0] as string, now);
    if (!who)
      throw new OnedFailure(
        ONED.AUTHENTICATION,
        `[${method}] User couldn't be authenticated, aborting call.`,
      );
    checkParams(spec, params);
    const reqId = this.sim.state.nextRequestId();
    const result = spec.handler({ sim: this.sim, method, who, reqId }, new Args(params.slice(1)));
    return successBody(result);
  }
}
