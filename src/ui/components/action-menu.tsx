// The actions menu of a resource, built from the catalogue (model/vm-menu-actions.ts), for one VM or
// for the selected VMs.
import type { ComponentChildren } from 'preact';
import type { MenuAction } from '../model/vm-menu-actions.js';
import { MenuButton } from './menu-button.js';

export interface ActionMenuProps {
  readonly actions: readonly MenuAction[];
  /** Accessible name, e.g. "Actions for VM web-1". */
  readonly label: string;
  readonly children: ComponentChildren;
  readonly onAction: (action: MenuAction) => void;
  readonly class?: string;
  readonly tabIndex?: number;
  readonly disabled?: boolean;
}

export function ActionMenu(props: ActionMenuProps) {
  const firstDanger = props.actions.findIndex((a) => a.danger);
  const items = props.actions.map((a, i) => ({
    id: a.id,
    label: a.label,
    danger: a.danger,
    separated: i === firstDanger && i > 0,
  }));
  const onSelect = (id: string) => {
    const action = props.actions.find((a) => a.id === id);
    if (action) props.onAction(action);
  };
  return (
    <MenuButton
      label={props.label}
      items={items}
      onSelect={onSelect}
      class={props.class}
      tabIndex={props.tabIndex}
      disabled={props.disabled}
    >
      {props.children}
    </MenuButton>
  );
}
