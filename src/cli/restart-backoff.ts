// When to replace a worker that died, per worker slot. The first death is replaced at once; a worker
// that dies again before it has served for `stableMs` waits longer each time (doubling from
// `initialMs` up to `maxMs`), and after `maxFailures` such deaths in a row the primary gives up
// rather than spin: a crash loop at start-up (port taken, credentials unreadable) is a problem for
// the operator, and the service manager (systemd Restart=) decides what happens next.

export interface BackoffOptions {
  /** Delay before the second replacement in a row (default 100 ms). */
  readonly initialMs?: number;
  /** Longest delay (default 30 s). */
  readonly maxMs?: number;
  /** A worker that served this long died of something else than a start-up problem (default 10 s). */
  readonly stableMs?: number;
  /** Quick deaths in a row of one slot before giving up (default 6). */
  readonly maxFailures?: number;
}

/** What to do after a death: fork again after `delayMs`, or give up after `failures` in a row. */
export type BackoffDecision =
  | { readonly action: 'restart'; readonly delayMs: number; readonly failures: number }
  | { readonly action: 'give-up'; readonly failures: number };

export class RestartBackoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #stableMs: number;
  readonly #maxFailures: number;
  /** Quick deaths in a row, per slot (bounded by the number of slots). */
  readonly #failures = new Map<number, number>();

  constructor(opts: BackoffOptions = {}) {
    this.#initialMs = opts.initialMs ?? 100;
    this.#maxMs = opts.maxMs ?? 30_000;
    this.#stableMs = opts.stableMs ?? 10_000;
    this.#maxFailures = opts.maxFailures ?? 6;
  }

  /**
   * Records the death of the worker of `slot` that had been serving for `servedMs` (null when it
   * died before it was ready).
   */
  onDeath(slot: number, servedMs: number | null): BackoffDecision {
    const quick = servedMs === null || servedMs < this.#stableMs;
    const failures = quick ? (this.#failures.get(slot) ?? 0) + 1 : 1;
    this.#failures.set(slot, failures);
    if (quick && failures >= this.#maxFailures) return { action: 'give-up', failures };
    const delayMs = failures <= 1 ? 0 : Math.min(this.#maxMs, this.#initialMs * 2 ** (failures - 2));
    return { action: 'restart', delayMs, failures };
  }

  /** A slot left the cluster (fewer workers after a reload): forget its history. */
  forget(slot: number): void {
    this.#failures.delete(slot);
  }
}
