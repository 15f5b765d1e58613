// The loaded VM list and how it stays fresh: a first load, a refresh every REFRESH_MS that patches
// rows (only changed VMs get new objects), and `follow`, which re-reads VMs that were just acted on
// until oned has moved them out of transitional states. Read failures: 401 -> onSessionExpired,
// 503 or no answer -> `offline` (the data stays), anything else -> an error notice.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { getVm, listVms } from '../api/vm-api.js';
import { errorCode, errorText } from '../model/error-code.js';
import { runLimited } from '../model/run-limited.js';
import { isTransitional } from '../model/state-tone.js';
import { patchSummaries, replaceSummary, summariseVm, type VmSummary } from '../model/vm-summary.js';
import type { NoticeTone } from './use-notices.js';

/** Sunstone polls every 10-15 s; polls send timeout=true so they never keep a session alive. */
export const REFRESH_MS = 12_000;
/** Re-reads of acted-on VMs while oned moves them through transitional states. */
const FOLLOW_DELAYS_MS = [0, 800, 1500, 2500, 4000, 6000];
/** Above this many VMs, one list reload is cheaper than following each VM. */
const FOLLOW_MAX = 20;
const PARALLEL_READS = 4;

export interface VmList {
  /** null until the first load succeeds. */
  readonly vms: readonly VmSummary[] | null;
  readonly loading: boolean;
  readonly loadedAt: Date | null;
  /** Why the list may be stale (OpenNebula or the server unreachable), or null. */
  readonly offline: string | null;
  load(background: boolean): Promise<void>;
  follow(ids: readonly string[]): Promise<void>;
  /** Aborted when the page goes away: long-running work checks it. */
  readonly signal: AbortSignal;
}

export interface VmListDeps {
  readonly api: ApiClient;
  readonly notify: (tone: NoticeTone, text: string) => void;
  readonly onSessionExpired: () => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms === 0 || signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

export function useVmList({ api, notify, onSessionExpired }: VmListDeps): VmList {
  const [vms, setVms] = useState<readonly VmSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const [offline, setOffline] = useState<string | null>(null);
  const [life] = useState(() => new AbortController());
  const inFlight = useRef(false);
  const signal = life.signal;

  useEffect(() => () => life.abort(), [life]);

  const readFailed = useCallback(
    (err: unknown) => {
      if (signal.aborted) return;
      const code = errorCode(err);
      if (code === 'SUN_ERR_UI_SESSION_EXPIRED') onSessionExpired();
      else if (code === 'SUN_ERR_UI_ONE_UNREACHABLE' || code === 'SUN_ERR_UI_NO_ANSWER')
        setOffline(errorText(err));
      else notify('error', `Could not load the VM list: ${errorText(err)}`);
    },
    [signal, notify, onSessionExpired],
  );

  const load = useCallback(
    async (background: boolean) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setLoading(true);
      try {
        const next = (await listVms(api, { background, signal })).map(summariseVm);
        setVms((prev) => patchSummaries(prev ?? [], next));
        setLoadedAt(new Date());
        setOffline(null);
      } catch (err) {
        readFailed(err);
      } finally {
        inFlight.current = false;
        if (!signal.aborted) setLoading(false);
      }
    },
    [api, signal, readFailed],
  );

  useEffect(() => {
    void load(false);
    const timer = setInterval(() => {
      if (!document.hidden) void load(true);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const follow = useCallback(
    async (ids: readonly string[]) => {
      if (ids.length > FOLLOW_MAX) {
        await sleep(FOLLOW_DELAYS_MS[2] ?? 0, signal);
        if (!signal.aborted) await load(true);
        return;
      }
      let open = ids;
      for (const delay of FOLLOW_DELAYS_MS) {
        await sleep(delay, signal);
        if (signal.aborted || open.length === 0) return;
        const fresh = await runLimited(open, PARALLEL_READS, (id) =>
          getVm(api, id, { background: true, signal }).then(
            (raw) => ({ vm: summariseVm(raw) }),
            (err: unknown) => ({ err }),
          ),
        );
        if (signal.aborted) return;
        const still: string[] = [];
        for (const r of fresh) {
          if ('err' in r) {
            if (errorCode(r.err) === 'SUN_ERR_UI_SESSION_EXPIRED') return onSessionExpired();
            continue; // gone (terminated) or unreadable: the next list refresh settles it
          }
          setVms((prev) => (prev ? replaceSummary(prev, r.vm) : prev));
          if (isTransitional(r.vm.state)) still.push(r.vm.id);
        }
        open = still;
      }
    },
    [api, signal, load, onSessionExpired],
  );

  return { vms, loading, loadedAt, offline, load, follow, signal };
}
