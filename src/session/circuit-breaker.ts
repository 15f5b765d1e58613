// A circuit breaker for one backend server, so a dead memcached costs no timeout per request: after a
// failure the server is "down" and requests skip it at once; once `retryMs` has passed, exactly one
// request is let through as a probe, and its outcome closes the breaker or keeps it open for another
// `retryMs`. No timers: the clock is read when a request asks, so an idle process does nothing.

/** What a request may do with the server now. */
export type Gate = 'use' | 'probe' | 'skip';

export class CircuitBreaker {
  readonly #retryMs: number;
  readonly #now: () => number;
  #up = true;
  #probing = false;
  #retryAt = 0;
  #downSince: number | undefined;
  #lastError: string | undefined;

  constructor(retryMs: number, now: () => number) {
    this.#retryMs = retryMs;
    this.#now = now;
  }

  /** True until a failure, and again after a success. */
  get up(): boolean {
    return this.#up;
  }

  /** Why the server was last marked down (kept after recovery, for status pages). */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Epoch ms of the failure that opened the breaker, while it is open. */
  get downSince(): number | undefined {
    return this.#downSince;
  }

  /** Ask before using the server. A 'probe' must be answered with succeed(), fail() or release(). */
  gate(): Gate {
    if (this.#up) return 'use';
    if (this.#probing || this.#now() < this.#retryAt) return 'skip';
    this.#probing = true;
    return 'probe';
  }

  succeed(): void {
    this.#up = true;
    this.#probing = false;
    this.#downSince = undefined;
  }

  fail(reason: string): void {
    const now = this.#now();
    if (this.#up) this.#downSince = now;
    this.#up = false;
    this.#probing = false;
    this.#retryAt = now + this.#retryMs;
    this.#lastError = reason;
  }

  /** A probe was granted but not sent (e.g. no time left): let the next request probe instead. */
  release(): void {
    this.#probing = false;
  }
}
