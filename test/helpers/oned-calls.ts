// Which oned methods a request made: the client publishes every call on a diagnostics channel.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ONE_CALL_CHANNEL, type OneCallEvent } from '../../src/one/types.js';

/** oned methods called while `fn` runs, in order. */
export async function onedCalls(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (msg: unknown): void => {
    seen.push((msg as OneCallEvent).method);
  };
  subscribe(ONE_CALL_CHANNEL, listener);
  try {
    await fn();
  } finally {
    unsubscribe(ONE_CALL_CHANNEL, listener);
  }
  return seen;
}
