// The sums behind GET /user/:id/monitor and /group/:id/monitor (reference sunstone-server.md §3.4):
// the window [start, end) is cut into steps of `interval` seconds; in the step starting at t, every
// history record with STIME <= t + interval and (ETIME = 0 or ETIME >= t) adds its VM/<meter>
// (Ruby's to_i) to that step's sum. Steps no record touches are left out, as Sunstone does.
//
// Sunstone loops over every record for every step; this walks each record once and marks the steps
// it touches with difference arrays, so a year by the minute over many VMs stays cheap.

export interface UsageRecord {
  readonly stime: number;
  readonly etime: number;
  /** VM/<meter> per meter, already as Ruby's to_i would read it (absent = not counted). */
  readonly values: ReadonlyMap<string, number>;
}

export interface UsageWindow {
  readonly start: number;
  readonly end: number;
  readonly interval: number;
}

/** Most steps one request may ask for. */
export const MAX_STEPS = 100_000;

/** Ruby's String#to_i: leading whitespace, optional sign, digits; anything else stops it (0 if none). */
export function rubyToI(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text.replaceAll('_', ''));
  return m ? Number(m[1]) : 0;
}

export function stepCount(w: UsageWindow): number {
  return w.start < w.end ? Math.ceil((w.end - w.start) / w.interval) : 0;
}

/** The steps [first, last] a record touches, or null when it touches none. */
function stepRange(r: UsageRecord, w: UsageWindow, steps: number): [number, number] | null {
  // Step k = [t, t + interval) with t = start + k*interval: needs STIME <= t + interval.
  const first = Math.max(0, Math.ceil((r.stime - w.start) / w.interval) - 1);
  // ...and ETIME >= t when the record has ended.
  const last = r.etime === 0 ? steps - 1 : Math.min(steps - 1, Math.floor((r.etime - w.start) / w.interval));
  return first <= last ? [first, last] : null;
}

/** `{"<meter>":[[t, sum], ...]}` for the window, as Sunstone computes it. */
export function usageSeries(
  records: Iterable<UsageRecord>,
  meters: readonly string[],
  w: UsageWindow,
): Record<string, [number, number][]> {
  const steps = stepCount(w);
  const touched = new Int32Array(steps + 1);
  const sums = new Map(meters.map((m) => [m, new Float64Array(steps + 1)]));
  for (const r of records) {
    const range = stepRange(r, w, steps);
    if (range === null) continue;
    const [a, b] = range;
    touched[a] = (touched[a] ?? 0) + 1;
    touched[b + 1] = (touched[b + 1] ?? 0) - 1;
    for (const [meter, diff] of sums) {
      const v = r.values.get(meter);
      if (v === undefined || v === 0) continue;
      diff[a] = (diff[a] ?? 0) + v;
      diff[b + 1] = (diff[b + 1] ?? 0) - v;
    }
  }
  const out: Record<string, [number, number][]> = {};
  for (const m of meters) out[m] = [];
  let live = 0;
  const running = new Map(meters.map((m) => [m, 0]));
  for (let k = 0; k < steps; k++) {
    live += touched[k] ?? 0;
    for (const [meter, diff] of sums) running.set(meter, (running.get(meter) ?? 0) + (diff[k] ?? 0));
    if (live === 0) continue;
    const t = w.start + k * w.interval;
    for (const m of meters) out[m]?.push([t, running.get(m) ?? 0]);
  }
  return out;
}
