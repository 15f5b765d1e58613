// A recording stand-in for the oned client, for tests of code that only sends calls (procedures):
// every call() is recorded with its arguments and answered by `answer`; the other methods reject.
import type { XmlRpcValue } from '../../src/one/codec.js';
import type { OneClient } from '../../src/one/types.js';

export type RecordedCall = [string, readonly XmlRpcValue[]];

export function fakeClient(answer: (method: string, args: readonly XmlRpcValue[]) => XmlRpcValue): {
  client: OneClient;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const client: OneClient = {
    async call(_session, method, params) {
      calls.push([method, params]);
      return answer(method, params);
    },
    info: () => Promise.reject(new Error('not used')),
    infoText: () => Promise.reject(new Error('not used')),
    pool: () => Promise.reject(new Error('not used')),
    poolText: () => Promise.reject(new Error('not used')),
    close: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  } as OneClient;
  return { client, calls };
}
