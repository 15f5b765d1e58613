// One VM in the list: a grid row at a fixed offset (the list is virtual, see vm-table.tsx). Only the
// active row is in the tab order (roving tabindex), so Tab does not walk through every row.
import type { MenuAction } from '../model/vm-menu-actions.js';
import type { VmSummary } from '../model/vm-summary.js';
import { formatCpu, formatMemory } from '../model/units.js';
import { ActionMenu } from './action-menu.js';
import { StateBadge } from './state-badge.js';

export interface VmRowProps {
  readonly vm: VmSummary;
  readonly index: number;
  readonly top: number;
  readonly height: number;
  readonly selected: boolean;
  readonly active: boolean;
  readonly actions: readonly MenuAction[];
  readonly onToggle: (id: string) => void;
  readonly onAction: (action: MenuAction, vm: VmSummary) => void;
  readonly onActivate: (id: string) => void;
}

const NONE = '—';

export function VmRow(props: VmRowProps) {
  const { vm, active } = props;
  const tab = active ? 0 : -1;
  const ips = vm.ips.join(', ');
  return (
    <div
      role="row"
      class={`vm-row${props.selected ? ' is-selected' : ''}`}
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      style={{ top: `${props.top}px`, height: `${props.height}px` }}
      tabIndex={tab}
      data-vm-id={vm.id}
      data-row-index={props.index}
      onFocusIn={() => props.onActivate(vm.id)}
    >
      <div role="gridcell" class="c-sel">
        <input
          type="checkbox"
          checked={props.selected}
          tabIndex={tab}
          aria-label={`Select VM ${vm.name}`}
          onChange={() => props.onToggle(vm.id)}
        />
      </div>
      <div role="gridcell" class="c-id num">
        {vm.id}
      </div>
      <div role="gridcell" class="c-name" title={vm.name}>
        {vm.name}
      </div>
      <div role="gridcell" class="c-owner" title={vm.owner}>
        {vm.owner}
      </div>
      <div role="gridcell" class="c-group" title={vm.group}>
        {vm.group}
      </div>
      <div role="gridcell" class="c-state">
        <StateBadge state={vm.state} />
      </div>
      <div role="gridcell" class="c-host" title={vm.host}>
        {vm.host || NONE}
      </div>
      <div role="gridcell" class="c-ips" title={ips}>
        {ips || NONE}
      </div>
      <div role="gridcell" class="c-cpu num">
        {formatCpu(vm.cpu)}
      </div>
      <div role="gridcell" class="c-mem num">
        {formatMemory(vm.memoryMiB)}
      </div>
      <div role="gridcell" class="c-act">
        <ActionMenu
          actions={props.actions}
          label={`Actions for VM ${vm.name}`}
          onAction={(a) => props.onAction(a, vm)}
          class="btn btn--icon"
          tabIndex={tab}
        >
          <span aria-hidden="true">⋯</span>
        </ActionMenu>
      </div>
    </div>
  );
}
