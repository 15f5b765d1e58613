// The VM list page: the filter, sort and selection over the loaded list (use-vm-list.ts), the
// toolbar with bulk actions and refresh, the virtual table, and confirmations (use-vm-actions.ts).
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { ActionMenu } from '../components/action-menu.js';
import { FilterBox } from '../components/filter-box.js';
import { OfflineBanner } from '../components/offline-banner.js';
import { SortSelect } from '../components/sort-select.js';
import { VmActionConfirm } from '../components/vm-action-confirm.js';
import { VmTable } from '../components/vm-table.js';
import { formatHash, parseHash } from '../hash-state.js';
import { useMediaQuery } from '../hooks/use-media-query.js';
import type { NoticeTone } from '../hooks/use-notices.js';
import { useVmActions } from '../hooks/use-vm-actions.js';
import { REFRESH_MS, useVmList } from '../hooks/use-vm-list.js';
import { formatCount } from '../model/units.js';
import { menuActionsFor, type MenuAction } from '../model/vm-menu-actions.js';
import { filterVms, isSortKey, sortVms, type SortKey, type VmSort } from '../model/vm-order.js';
import type { VmSummary } from '../model/vm-summary.js';

export interface VmListPageProps {
  readonly api: ApiClient;
  readonly notify: (tone: NoticeTone, text: string, details?: readonly string[]) => void;
  readonly onSessionExpired: () => void;
}

interface View {
  readonly query: string;
  readonly sort: VmSort;
}

function viewFromHash(): View {
  const { params } = parseHash(location.hash);
  const key = params.get('sort') ?? 'id';
  return {
    query: params.get('q') ?? '',
    sort: { key: isSortKey(key) ? key : 'id', dir: params.get('dir') === 'desc' ? 'desc' : 'asc' },
  };
}

function emptyText(vms: readonly VmSummary[] | null, loading: boolean, query: string): string {
  if (vms === null) return loading ? 'Loading virtual machines…' : 'The VM list could not be loaded.';
  if (vms.length === 0) return 'There are no virtual machines yet.';
  return `No virtual machine matches “${query}”.`;
}

export function VmListPage({ api, notify, onSessionExpired }: VmListPageProps) {
  const list = useVmList({ api, notify, onSessionExpired });
  const { vms, loading } = list;
  const acts = useVmActions({ api, notify, onSessionExpired, follow: list.follow, signal: list.signal });
  const [view, setView] = useState(viewFromHash);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const cards = useMediaQuery('(max-width: 700px)');
  const actions = useMemo(() => menuActionsFor('vm'), []);

  // Keep the filter and sort in the URL, so a reload or the next login comes back to this view.
  useEffect(() => {
    const hash = formatHash('vms', { q: view.query, sort: view.sort.key, dir: view.sort.dir });
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [view]);

  const shown = useMemo(() => (vms ? sortVms(filterVms(vms, view.query), view.sort) : []), [vms, view]);
  // The selection only ever names VMs that still exist (terminated ones drop out on refresh).
  const selectedVms = useMemo(() => (vms ?? []).filter((vm) => selected.has(vm.id)), [vms, selected]);

  const onSort = (key: SortKey) =>
    setView((v) => ({
      ...v,
      sort: { key, dir: v.sort.key === key && v.sort.dir === 'asc' ? 'desc' : 'asc' },
    }));
  const onToggle = useCallback(
    (id: string) =>
      setSelected((sel) => {
        const next = new Set(sel);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const onToggleAll = (select: boolean) =>
    setSelected((sel) => {
      const next = new Set(sel);
      for (const vm of shown) {
        if (select) next.add(vm.id);
        else next.delete(vm.id);
      }
      return next;
    });
  const { request } = acts;
  const onRowAction = useCallback((action: MenuAction, vm: VmSummary) => request(action, [vm]), [request]);

  const total = vms?.length ?? 0;
  const count = selectedVms.length;
  return (
    <section class="page" aria-labelledby="vms-title">
      <div class="page__head">
        <h1 id="vms-title" class="page__title">
          Virtual machines
        </h1>
        <p class="page__meta">
          {vms === null
            ? ''
            : shown.length === total
              ? `${formatCount(total)} VMs`
              : `${formatCount(shown.length)} of ${formatCount(total)} VMs`}
          {count > 0 && ` · ${formatCount(count)} selected`}
        </p>
      </div>
      {list.offline !== null && (
        <OfflineBanner message={list.offline} since={list.loadedAt} onRetry={() => void list.load(false)} />
      )}
      <div class="toolbar">
        <FilterBox
          label="Filter virtual machines"
          placeholder="Filter by name, owner, state, host, IP…"
          value={view.query}
          onChange={(query) => setView((v) => ({ ...v, query }))}
        />
        {cards && <SortSelect sort={view.sort} onChange={(sort) => setView((v) => ({ ...v, sort }))} />}
        <ActionMenu
          actions={actions}
          label={count > 0 ? `Actions for ${count} selected VMs` : 'Actions (select VMs first)'}
          onAction={(a) => request(a, selectedVms)}
          class="btn"
          disabled={count === 0}
        >
          Actions{count > 0 ? ` (${formatCount(count)})` : ''} <span aria-hidden="true">▾</span>
        </ActionMenu>
        <button
          type="button"
          class="btn btn--primary"
          onClick={() => void list.load(false)}
          disabled={loading}
          aria-label="Refresh the VM list"
        >
          <span class={`refresh-icon${loading ? ' is-spinning' : ''}`} aria-hidden="true">
            ↻
          </span>
          <span class="btn__text">Refresh</span>
        </button>
      </div>
      <p class="progress" role="status">
        {acts.progress ? `${acts.progress.label}: ${acts.progress.done} of ${acts.progress.total} done…` : ''}
      </p>
      <VmTable
        rows={shown}
        sort={view.sort}
        onSort={onSort}
        selected={selected}
        onToggle={onToggle}
        onToggleAll={onToggleAll}
        actions={actions}
        onAction={onRowAction}
        cards={cards}
        empty={emptyText(vms, loading, view.query)}
      />
      <p class="page__foot">
        {list.loadedAt
          ? `Updated ${list.loadedAt.toLocaleTimeString()} · refreshes every ${REFRESH_MS / 1000} s`
          : ''}
      </p>
      {acts.pending && (
        <VmActionConfirm pending={acts.pending} onConfirm={acts.confirm} onCancel={acts.cancel} />
      )}
    </section>
  );
}
