// The VM list as an ARIA grid with virtual scrolling: only the rows in view are in the DOM, placed at
// index * rowHeight inside a body as tall as all rows. Keyboard: arrows, Home/End, PageUp/PageDown
// move between rows, Space selects, Enter opens the row's actions. At phone width rows become cards
// (same markup, CSS grid areas) and the header hides; sorting is then in the page's toolbar.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useVirtualWindow } from '../hooks/use-virtual-window.js';
import { VM_COLUMNS } from '../model/vm-columns.js';
import type { MenuAction } from '../model/vm-menu-actions.js';
import type { SortKey, VmSort } from '../model/vm-order.js';
import type { VmSummary } from '../model/vm-summary.js';
import { VmRow } from './vm-row.js';

export interface VmTableProps {
  readonly rows: readonly VmSummary[];
  readonly sort: VmSort;
  readonly onSort: (key: SortKey) => void;
  readonly selected: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
  readonly onToggleAll: (select: boolean) => void;
  readonly actions: readonly MenuAction[];
  readonly onAction: (action: MenuAction, vm: VmSummary) => void;
  readonly cards: boolean;
  /** Shown instead of rows when there are none. */
  readonly empty: string;
}

const ROW_HEIGHT = 40;
const CARD_HEIGHT = 112;
/** Space between cards, inside each card's slot so the fixed row height of the window holds. */
const CARD_GAP = 8;

export function VmTable(props: VmTableProps) {
  const { rows, sort } = props;
  const rowHeight = props.cards ? CARD_HEIGHT : ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const win = useVirtualWindow(scrollRef, bodyRef, rows.length, rowHeight);
  const [activeId, setActiveId] = useState<string | null>(null);
  const focusPending = useRef(false);

  let activeIndex = activeId === null ? -1 : rows.findIndex((vm) => vm.id === activeId);
  if (activeIndex === -1 && rows.length > 0) activeIndex = Math.min(win.start, rows.length - 1);
  const active = rows[activeIndex];

  // After a keyboard move the new row may only exist after this render: focus it then, before paint.
  useLayoutEffect(() => {
    if (!focusPending.current || active === undefined) return;
    focusPending.current = false;
    bodyRef.current?.querySelector<HTMLElement>(`[data-vm-id="${CSS.escape(active.id)}"]`)?.focus();
  });

  const moveTo = (index: number) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (target === undefined) return;
    focusPending.current = true;
    setActiveId(target.id);
    win.reveal(rows.indexOf(target));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const row = e.target instanceof HTMLElement && e.target.getAttribute('role') === 'row' ? e.target : null;
    if (row === null) return; // keys inside a checkbox or an open menu are theirs
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'PageDown':
        moveTo(activeIndex + page);
        break;
      case 'PageUp':
        moveTo(activeIndex - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case ' ':
        if (active) props.onToggle(active.id);
        break;
      case 'Enter':
        row.querySelector<HTMLElement>('[data-menu-trigger]')?.click();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const shownSelected = rows.reduce((n, vm) => n + (props.selected.has(vm.id) ? 1 : 0), 0);
  const allSelected = rows.length > 0 && shownSelected === rows.length;

  const visible = [];
  for (let i = win.start; i < win.end; i++) {
    const vm = rows[i];
    if (vm === undefined) continue;
    visible.push(
      <VmRow
        key={vm.id}
        vm={vm}
        index={i}
        top={i * rowHeight}
        height={props.cards ? rowHeight - CARD_GAP : rowHeight}
        selected={props.selected.has(vm.id)}
        active={i === activeIndex}
        actions={props.actions}
        onToggle={props.onToggle}
        onAction={props.onAction}
        onActivate={setActiveId}
      />,
    );
  }

  return (
    <div
      ref={scrollRef}
      class={`vm-grid${props.cards ? ' vm-grid--cards' : ''}`}
      role="grid"
      aria-label="Virtual machines"
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="vm-head">
        <div role="row" class="vm-row vm-row--head" aria-rowindex={1}>
          <div role="columnheader" class="c-sel">
            <input
              type="checkbox"
              aria-label="Select all shown VMs"
              checked={allSelected}
              indeterminate={shownSelected > 0 && !allSelected}
              disabled={rows.length === 0}
              onChange={() => props.onToggleAll(!allSelected)}
            />
          </div>
          {VM_COLUMNS.map((col) => {
            const current = sort.key === col.key;
            return (
              <div
                key={col.key}
                role="columnheader"
                class={`${col.cls}${col.numeric ? ' num' : ''}`}
                aria-sort={current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button type="button" class="sort-button" onClick={() => props.onSort(col.key)}>
                  {col.label}
                  <span class="sort-button__arrow" aria-hidden="true">
                    {current ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            );
          })}
          <div role="columnheader" class="c-act">
            <span class="sr-only">Actions</span>
          </div>
        </div>
      </div>
      <div role="rowgroup" ref={bodyRef} class="vm-body" style={{ height: `${rows.length * rowHeight}px` }}>
        {visible}
      </div>
      {rows.length === 0 && <p class="vm-empty">{props.empty}</p>}
    </div>
  );
}
