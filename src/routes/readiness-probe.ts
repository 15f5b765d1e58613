// The check behind GET /ready: can this process serve logged-in users right now? It asks oned for its
// version as serveradmin and the session store for its health. Answers are cached for a short while
// and concurrent checks share one probe, so a load balancer polling every worker every few hundred
// milliseconds costs oned at most one call per worker per cache period.
import type { OneClient } from '../one/types.js';
import type { SessionStore } from '../session/store.js';

/** 'error': oned answered but refused serveradmin (wrong sunstone_auth, disabled user ...). */
export type OnedStatus = 'ok' | 'unreachable' | 'error';
export type StoreStatus = 'ok' | 'unreachable';

export interface ReadinessReport {
  readonly ready: boolean;
  readonly oned: OnedStatus;
  readonly sessions: StoreStatus;
  /** Why a part is not ok, for the operator's log only: never sent to clients (it names hosts). */
  readonly details: readonly string[];
}

export interface ReadinessProbeOptions {
  readonly oneClient: Pick<OneClient, 'call'>;
  /** serveradmin's own oned session string (ServerTokens.forServer). */
  readonly serverSession: () => string;
  readonly store: SessionStore;
  /** Epoch ms. */
  readonly now?: () => number;
  /** How long an answer is reused (default 1000 ms). */
  readonly cacheMs?: number;
  /** Bound on each part of a probe (default 2000 ms): a readiness answer must come quickly. */
  readonly timeoutMs?: number;
}

function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  return `${code}${typeof e.message === 'string' ? e.message : String(err)}`;
}

/** Rejects after `ms` unless `work` settles first (the timer is cleared as soon as it does). */
async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} gave no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class ReadinessProbe {
  readonly #opts: ReadinessProbeOptions;
  readonly #now: () => number;
  readonly #cacheMs: number;
  readonly #timeoutMs: number;
  #last: { readonly report: ReadinessReport; readonly at: number } | null = null;
  #running: Promise<ReadinessReport> | null = null;

  constructor(opts: ReadinessProbeOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#cacheMs = opts.cacheMs ?? 1000;
    this.#timeoutMs = opts.timeoutMs ?? 2000;
  }

  /** The cached answer while fresh, else the probe in flight, else a new probe. */
  check(): Promise<ReadinessReport> {
    const last = this.#last;
    if (last !== null && this.#now() - last.at < this.#cacheMs) return Promise.resolve(last.report);
    this.#running ??= this.#probe().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #probe(): Promise<ReadinessReport> {
    const [oned, sessions] = await Promise.all([this.#oned(), this.#store()]);
    const details = [oned.detail, sessions.detail].filter((d): d is string => d !== undefined);
    const report: ReadinessReport = {
      ready: oned.status === 'ok' && sessions.status === 'ok',
      oned: oned.status,
      sessions: sessions.status,
      details,
    };
    this.#last = { report, at: this.#now() };
    return report;
  }

  async #oned(): Promise<{ status: OnedStatus; detail?: string }> {
    const controller = new AbortController();
    try {
      const call = this.#opts.oneClient.call(this.#opts.serverSession(), 'one.system.version', [], {
        signal: controller.signal,
      });
      await bounded(call, this.#timeoutMs, 'oned');
      return { status: 'ok' };
    } catch (err) {
      controller.abort();
      // oned's own failure answers carry its numeric code: oned is up, but refuses serveradmin.
      const answered = typeof (err as { oneCode?: unknown }).oneCode === 'number';
      return { status: answered ? 'error' : 'unreachable', detail: `oned: ${describe(err)}` };
    }
  }

  async #store(): Promise<{ status: StoreStatus; detail?: string }> {
    try {
      // health() is bounded by the store and never rejects; the bound and catch here are a backstop.
      const health = await bounded(this.#opts.store.health(), this.#timeoutMs, 'the session store');
      return health.ok
        ? { status: 'ok' }
        : { status: 'unreachable', detail: `session store: ${health.detail}` };
    } catch (err) {
      return { status: 'unreachable', detail: `session store: ${describe(err)}` };
    }
  }
}
