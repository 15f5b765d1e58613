// Delayed work (VM transitions, the scheduler, image and network drivers) scaled by the speed
// setting: a delay of `ms` runs after ms * speed real milliseconds. With speed 0 everything runs
// at once, in order, before the call that caused it returns, so tests see final states without
// waiting. At most one pending task per key (a VM has one transition in flight), so the number
// of timers is bounded by the number of objects.

type Task = () => void;

export class Timeline {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly queue: Task[] = [];
  private draining = false;
  private closed = false;

  constructor(readonly speed: number) {}

  get instant(): boolean {
    return this.speed === 0;
  }

  /** Runs `fn` after `ms` (scaled); replaces any task pending under the same key. */
  defer(key: string, ms: number, fn: Task): void {
    if (this.closed) return;
    this.cancel(key);
    if (this.instant) {
      this.queue.push(fn);
      this.drain();
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(key);
      if (!this.closed) fn();
    }, ms * this.speed);
    t.unref();
    this.timers.set(key, t);
  }

  /** Whether a task is pending under the key (never true in instant mode). */
  pending(key: string): boolean {
    return this.timers.has(key);
  }

  cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let task = this.queue.shift(); task; task = this.queue.shift()) task();
    } finally {
      this.draining = false;
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
  }
}
