// The cluster primary's bookkeeping, apart from node:cluster so tests can drive it with fake workers.
// N slots, each held by one worker. A worker that dies is replaced (RestartBackoff decides when, or
// that it is a crash loop and the primary must give up). reload() is the SIGHUP rolling restart:
// for each slot, fork the new worker, wait until it serves, then stop the old one gracefully; if a
// new worker cannot start, the roll stops there and the old workers keep serving. stop() is
// SIGTERM/SIGINT: every worker finishes its requests in flight, bounded, then start() resolves.
import type { Logger } from 'pino';
import { asWorkerMessage, STOP, type StopMessage } from './cluster-messages.js';
import { CrashLoopError } from './errors.js';
import { RestartBackoff, type BackoffOptions } from './restart-backoff.js';

/** What the supervisor needs of a forked worker (node:cluster's Worker, adapted; or a fake). */
export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: StopMessage): void;
  connected(): boolean;
  kill(signal: NodeJS.Signals): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
}

export interface SupervisorOptions {
  readonly workers: number;
  readonly logger: Logger;
  readonly fork: (slot: number) => WorkerHandle;
  /** SIGHUP: re-reads and checks the configuration; returns the worker count, throws on problems. */
  readonly reload: () => number;
  /** How long a stopping worker may finish its requests (it enforces it too; we add a margin). */
  readonly graceMs: number;
  /** A worker not ready by then is killed and counts as a failed start (default 60 s). */
  readonly startTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly now?: () => number;
}

/** Time a stopping worker gets beyond its own grace period before it is killed. */
const KILL_MARGIN_MS = 5000;

interface Member {
  readonly handle: WorkerHandle;
  readonly slot: number;
  readyAt: number | null;
  /** We asked it to stop, or gave up on it: its exit is no death to replace. */
  planned: boolean;
  lastError: string | null;
  exit: { code: number | null; signal: string | null } | null;
  readonly ready: Promise<boolean>;
  readonly exited: Promise<void>;
}

function reasonOf(m: Member): string {
  if (m.lastError !== null) return m.lastError;
  if (m.exit === null) return 'still running';
  return m.exit.signal !== null ? `killed by ${m.exit.signal}` : `exit code ${String(m.exit.code)}`;
}

export class Supervisor {
  readonly #opts: SupervisorOptions;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #backoff: RestartBackoff;
  readonly #members = new Set<Member>();
  /** The worker serving each slot (null while one is being replaced). */
  readonly #slots: (Member | null)[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #desired: number;
  #stopping = false;
  #exitCode = 0;
  #failure: CrashLoopError | null = null;
  #rolling = false;
  #rollAgain = false;
  #settle: { resolve: (code: number) => void; reject: (err: Error) => void } | null = null;

  constructor(opts: SupervisorOptions) {
    this.#opts = opts;
    this.#log = opts.logger;
    this.#now = opts.now ?? Date.now;
    this.#backoff = new RestartBackoff(opts.backoff);
    this.#desired = opts.workers;
  }

  /** Forks the workers; resolves with the exit code once stopped, rejects with a CrashLoopError. */
  start(): Promise<number> {
    const done = new Promise<number>((resolve, reject) => (this.#settle = { resolve, reject }));
    this.#log.info(`cluster primary (pid ${process.pid}): starting ${this.#desired} workers`);
    for (let slot = 0; slot < this.#desired; slot++) this.#slots[slot] = this.#spawn(slot);
    return done;
  }

  /** Pids of the workers serving now, slot by slot. */
  get pids(): (number | undefined)[] {
    return this.#slots.map((m) => m?.handle.pid);
  }

  stop(reason: string): void {
    if (this.#stopping) {
      this.#log.warn(`${reason} again: killing the workers now`);
      this.#exitCode = 1;
      for (const m of this.#members) m.handle.kill('SIGKILL');
      return;
    }
    this.#stopping = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#log.info(
      `${reason}: stopping ${this.#members.size} workers; requests in flight get up to ${this.#opts.graceMs / 1000} s`,
    );
    for (const m of this.#members) void this.#askStop(m);
    this.#settleIfDone();
  }

  reload(): void {
    if (this.#stopping) return;
    if (this.#rolling) {
      this.#rollAgain = true;
      this.#log.info('SIGHUP during a rolling restart: another one follows it');
      return;
    }
    let desired: number;
    try {
      desired = this.#opts.reload();
    } catch (err) {
      this.#log.error(
        `SIGHUP: the configuration has problems, the running workers keep serving with the previous one:\n${(err as Error).message}`,
      );
      return;
    }
    this.#rolling = true;
    void this.#roll(desired).finally(() => {
      this.#rolling = false;
      if (this.#rollAgain && !this.#stopping) {
        this.#rollAgain = false;
        this.reload();
      }
    });
  }

  async #roll(desired: number): Promise<void> {
    const before = this.pids.join(', ');
    this.#log.info(`SIGHUP: rolling restart to ${desired} workers, one at a time (now pids ${before})`);
    const total = Math.max(this.#slots.length, desired);
    for (let slot = 0; slot < total; slot++) {
      if (this.#stopping) return;
      if (slot >= desired) {
        const old = this.#slots[slot];
        this.#slots[slot] = null;
        if (old) await this.#askStop(old);
        this.#backoff.forget(slot);
        continue;
      }
      const fresh = this.#spawn(slot);
      const ok = await fresh.ready;
      if (this.#stopping) return;
      if (!ok) {
        await fresh.exited;
        this.#log.error(
          `rolling restart stopped: the new worker ${slot + 1} could not start (${reasonOf(fresh)}); ` +
            'the other workers keep serving as they were',
        );
        return;
      }
      // The slot's occupant now, not the one before the wait: a replacement may have come meanwhile.
      const old = this.#slots[slot];
      this.#slots[slot] = fresh;
      if (old) await this.#askStop(old);
    }
    this.#slots.length = desired;
    this.#desired = desired;
    this.#log.info(`rolling restart done: pids ${this.pids.join(', ')}`);
  }

  #spawn(slot: number): Member {
    const handle = this.#opts.fork(slot);
    let readyResolve: (ok: boolean) => void = () => undefined;
    let exitResolve: () => void = () => undefined;
    const member: Member = {
      handle,
      slot,
      readyAt: null,
      planned: false,
      lastError: null,
      exit: null,
      ready: new Promise<boolean>((r) => (readyResolve = r)),
      exited: new Promise<void>((r) => (exitResolve = r)),
    };
    this.#members.add(member);
    const startTimeoutMs = this.#opts.startTimeoutMs ?? 60_000;
    const startTimer = setTimeout(() => {
      member.lastError ??= `not ready ${startTimeoutMs / 1000} s after it was started`;
      this.#log.error(`worker ${slot + 1} (pid ${String(handle.pid)}) ${member.lastError}: killing it`);
      handle.kill('SIGKILL');
    }, startTimeoutMs);
    handle.onMessage((raw) => {
      const msg = asWorkerMessage(raw);
      if (msg?.type === 'sunstone:ready' && member.readyAt === null) {
        member.readyAt = this.#now();
        clearTimeout(startTimer);
        this.#log.info({ slot: slot + 1, pid: handle.pid, url: msg.url }, `worker ${slot + 1} ready`);
        readyResolve(true);
      } else if (msg?.type === 'sunstone:fatal') {
        member.lastError = msg.message;
      }
    });
    handle.onExit((code, signal) => {
      clearTimeout(startTimer);
      member.exit = { code, signal };
      this.#members.delete(member);
      readyResolve(false);
      exitResolve();
      this.#onExit(member);
    });
    return member;
  }

  #onExit(m: Member): void {
    if (this.#stopping) {
      if (m.exit?.code !== 0) this.#exitCode = 1;
      this.#settleIfDone();
      return;
    }
    // A stopped old worker, or a new one that never took its slot (the roll reports that one).
    if (m.planned || this.#slots[m.slot] !== m) return;
    this.#slots[m.slot] = null;
    const served = m.readyAt === null ? null : this.#now() - m.readyAt;
    const decision = this.#backoff.onDeath(m.slot, served);
    const who = `worker ${m.slot + 1} (pid ${String(m.handle.pid)})`;
    const why = m.readyAt === null ? `failed to start: ${reasonOf(m)}` : `died: ${reasonOf(m)}`;
    if (decision.action === 'give-up') {
      this.#failure = new CrashLoopError(m.slot, decision.failures, reasonOf(m));
      this.#log.error(`${who} ${why}; ${this.#failure.message}`);
      this.stop('crash loop');
      return;
    }
    const when =
      decision.delayMs === 0
        ? 'replacing it now'
        : `replacing it in ${decision.delayMs} ms (${decision.failures} quick deaths in a row)`;
    this.#log.warn(`${who} ${why}; ${when}`);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#stopping && m.slot < this.#desired && this.#slots[m.slot] == null) {
        this.#slots[m.slot] = this.#spawn(m.slot);
      }
    }, decision.delayMs);
    this.#timers.add(timer);
  }

  /** Graceful stop of one worker, bounded: killed if it outlives its grace period. */
  #askStop(m: Member): Promise<void> {
    if (m.exit !== null) return m.exited;
    m.planned = true;
    if (m.handle.connected()) m.handle.send(STOP);
    else m.handle.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.#log.error(
        `worker ${m.slot + 1} (pid ${String(m.handle.pid)}) still running after its grace period: killing it`,
      );
      m.handle.kill('SIGKILL');
    }, this.#opts.graceMs + KILL_MARGIN_MS);
    return m.exited.finally(() => clearTimeout(timer));
  }

  #settleIfDone(): void {
    if (!this.#stopping || this.#members.size > 0 || this.#settle === null) return;
    const settle = this.#settle;
    this.#settle = null;
    if (this.#failure !== null) settle.reject(this.#failure);
    else settle.resolve(this.#exitCode);
  }
}
