// Waiting for a child process to accept connections, bounded, with the reason it did not.
import type { ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host, port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Resolves once every port accepts connections on `host`. Rejects when `gone()` says the process
 * exited, or after `timeoutMs`, with `describe()` (its log) in the message.
 */
export async function waitForPorts(
  ports: readonly number[],
  opts: { host?: string; timeoutMs?: number; gone?: () => boolean; what: string; describe: () => string },
): Promise<void> {
  const host = opts.host ?? '127.0.0.1';
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const up = await Promise.all(ports.map((p) => canConnect(host, p)));
    if (up.every(Boolean)) return;
    if (opts.gone?.() === true) throw new Error(`${opts.what} exited before listening:\n${opts.describe()}`);
    if (Date.now() > deadline) {
      throw new Error(
        `${opts.what} is not accepting connections on ${host}:${ports.join(',')}:\n${opts.describe()}`,
      );
    }
    await sleep(25);
  }
}

/** Keeps the last `max` characters of a stream's output (a log shown when something fails). */
export class OutputTail {
  #text = '';
  constructor(private readonly max = 64 * 1024) {}
  add(chunk: Buffer | string): void {
    this.#text = (this.#text + chunk.toString()).slice(-this.max);
  }
  get text(): string {
    return this.#text;
  }
}
