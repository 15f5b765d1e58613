// The few messages the cluster primary and its workers exchange over the IPC channel node:cluster
// sets up. Prefixed so they cannot be confused with node's own internal cluster messages.

/** Primary -> worker: stop accepting, finish the requests in flight, exit. */
export interface StopMessage {
  readonly type: 'sunstone:stop';
}

/** Worker -> primary: serve() resolved, the worker takes requests. */
export interface ReadyMessage {
  readonly type: 'sunstone:ready';
  readonly url: string;
}

/** Worker -> primary: why it could not start (the primary logs it, and gives it in a crash loop). */
export interface FatalMessage {
  readonly type: 'sunstone:fatal';
  readonly message: string;
}

export type WorkerMessage = ReadyMessage | FatalMessage;

export const STOP: StopMessage = Object.freeze({ type: 'sunstone:stop' });

function typed(msg: unknown): { type?: unknown } & Record<string, unknown> {
  return typeof msg === 'object' && msg !== null ? (msg as Record<string, unknown>) : {};
}

export function isStopMessage(msg: unknown): msg is StopMessage {
  return typed(msg).type === 'sunstone:stop';
}

export function asWorkerMessage(msg: unknown): WorkerMessage | null {
  const m = typed(msg);
  if (m.type === 'sunstone:ready' && typeof m.url === 'string') return { type: m.type, url: m.url };
  if (m.type === 'sunstone:fatal' && typeof m.message === 'string')
    return { type: m.type, message: m.message };
  return null;
}
