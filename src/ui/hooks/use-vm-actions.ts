// Running catalogue actions on VMs: danger actions wait for confirmation, several VMs run a few at a
// time with progress, and the outcome is told: one notice for what was done, one with oned's own
// messages for what was refused (ui.md). Acted-on VMs are then followed until they settle.
import { useCallback, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { performVmAction } from '../api/vm-api.js';
import { errorCode, errorText } from '../model/error-code.js';
import { runLimited } from '../model/run-limited.js';
import { formatCount } from '../model/units.js';
import type { MenuAction } from '../model/vm-menu-actions.js';
import type { VmSummary } from '../model/vm-summary.js';
import type { NoticeTone } from './use-notices.js';

export interface PendingAction {
  readonly action: MenuAction;
  readonly targets: readonly VmSummary[];
}

export interface ActionProgress {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

export interface VmActions {
  /** A danger action waiting for the user's confirmation. */
  readonly pending: PendingAction | null;
  readonly progress: ActionProgress | null;
  request(action: MenuAction, targets: readonly VmSummary[]): void;
  confirm(): void;
  cancel(): void;
}

export interface VmActionsDeps {
  readonly api: ApiClient;
  readonly notify: (tone: NoticeTone, text: string, details?: readonly string[]) => void;
  readonly onSessionExpired: () => void;
  readonly follow: (ids: readonly string[]) => Promise<void>;
  readonly signal: AbortSignal;
}

const PARALLEL_ACTIONS = 4;
/** oned messages listed in one notice at most; the count says how many more failed. */
const MAX_DETAILS = 10;

export function vmName(vm: VmSummary): string {
  return `${vm.name} (#${vm.id})`;
}

export function useVmActions(deps: VmActionsDeps): VmActions {
  const { api, notify, onSessionExpired, follow, signal } = deps;
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [progress, setProgress] = useState<ActionProgress | null>(null);

  const run = useCallback(
    async ({ action, targets }: PendingAction) => {
      const total = targets.length;
      let done = 0;
      setProgress({ label: action.label, done, total });
      const errors = await runLimited(targets, PARALLEL_ACTIONS, async (vm) => {
        try {
          await performVmAction(api, vm.id, action.perform, action.params);
          return null;
        } catch (err) {
          return err;
        } finally {
          done++;
          if (!signal.aborted) setProgress({ label: action.label, done, total });
        }
      });
      if (signal.aborted) return;
      setProgress(null);
      if (errors.some((err) => errorCode(err) === 'SUN_ERR_UI_SESSION_EXPIRED')) return onSessionExpired();
      const ok = targets.filter((_, i) => errors[i] === null);
      const failed = targets.flatMap((vm, i) => (errors[i] === null ? [] : [{ vm, err: errors[i] }]));
      const [firstOk] = ok;
      if (firstOk) {
        notify(
          'success',
          ok.length === 1
            ? `${action.label}: requested for VM ${vmName(firstOk)}.`
            : `${action.label}: requested for ${formatCount(ok.length)} VMs.`,
        );
      }
      const [firstFailed] = failed;
      if (firstFailed) {
        notify(
          'error',
          failed.length === 1
            ? `${action.label} failed for VM ${vmName(firstFailed.vm)}:`
            : `${action.label} failed for ${formatCount(failed.length)} of ${formatCount(total)} VMs:`,
          failed
            .slice(0, MAX_DETAILS)
            .map(({ vm, err }) =>
              failed.length === 1 ? errorText(err) : `${vmName(vm)}: ${errorText(err)}`,
            ),
        );
      }
      await follow(ok.map((vm) => vm.id));
    },
    [api, notify, onSessionExpired, follow, signal],
  );

  const request = useCallback(
    (action: MenuAction, targets: readonly VmSummary[]) => {
      if (targets.length === 0) return;
      if (action.danger) setPending({ action, targets });
      else void run({ action, targets });
    },
    [run],
  );

  const confirm = useCallback(() => {
    if (pending === null) return;
    setPending(null);
    void run(pending);
  }, [pending, run]);

  const cancel = useCallback(() => setPending(null), []);

  return { pending, progress, request, confirm, cancel };
}
