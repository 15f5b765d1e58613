// A button that opens a menu (WAI-ARIA menu button). The menu is a popover, so it sits in the top
// layer above the scrolling table and closes on Escape or an outside click without our help. Arrow
// keys, Home and End move between items; the menu closes when anything scrolls, since it would
// otherwise float away from its button.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly danger?: boolean;
  /** Starts a group: a separator is drawn above it. */
  readonly separated?: boolean;
}

export interface MenuButtonProps {
  /** The button's accessible name (its visible content may be just an icon). */
  readonly label: string;
  readonly children: ComponentChildren;
  readonly items: readonly MenuItem[];
  readonly onSelect: (id: string) => void;
  readonly class?: string;
  readonly tabIndex?: number;
  readonly disabled?: boolean;
}

const GAP = 4;

function itemsOf(menu: HTMLElement | null): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')] : [];
}

export function MenuButton(props: MenuButtonProps) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  const close = useCallback(() => {
    const menu = menuRef.current;
    if (menu?.matches(':popover-open')) menu.hidePopover();
  }, []);

  // Place the menu under its button, or above it when only that side has room; when neither has,
  // on the roomier side with a scrolling menu. Done before the menu is painted.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    const button = buttonRef.current;
    if (!open || menu === null || button === null) return;
    menu.style.maxHeight = '';
    const b = button.getBoundingClientRect();
    const m = menu.getBoundingClientRect();
    const below = window.innerHeight - b.bottom - 2 * GAP;
    const above = b.top - 2 * GAP;
    const down = m.height <= below || (m.height > above && below >= above);
    const height = Math.min(m.height, down ? below : above);
    if (height < m.height) menu.style.maxHeight = `${height}px`;
    const top = down ? b.bottom + GAP : b.top - GAP - height;
    const left = Math.min(Math.max(GAP, b.right - m.width), window.innerWidth - m.width - GAP);
    menu.style.top = `${top}px`;
    menu.style.left = `${Math.max(GAP, left)}px`;
    itemsOf(menu)[0]?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onScroll = (e: Event) => {
      if (!(e.target instanceof Node && menuRef.current?.contains(e.target))) close();
    };
    window.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', close);
    };
  }, [open, close]);

  const onToggle = (e: Event) => {
    const isOpen = (e as ToggleEvent).newState === 'open';
    setOpen(isOpen);
    if (!isOpen && (document.activeElement === document.body || document.activeElement === null)) {
      buttonRef.current?.focus();
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const items = itemsOf(menuRef.current);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Escape':
        close();
        buttonRef.current?.focus();
        break;
      case 'Tab':
        close();
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && !open) {
      e.preventDefault();
      menuRef.current?.showPopover();
    }
  };

  const choose = (itemId: string) => {
    close();
    buttonRef.current?.focus();
    props.onSelect(itemId);
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        class={props.class ?? 'btn'}
        aria-label={props.label}
        title={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        popovertarget={id}
        tabIndex={props.tabIndex}
        disabled={props.disabled}
        onKeyDown={onButtonKey}
        data-menu-trigger=""
      >
        {props.children}
      </button>
      <div
        ref={menuRef}
        id={id}
        popover="auto"
        role="menu"
        aria-label={props.label}
        class="menu"
        onToggle={onToggle}
        onKeyDown={onMenuKey}
      >
        {open &&
          props.items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              class={`menu__item${item.danger ? ' menu__item--danger' : ''}${item.separated ? ' menu__item--sep' : ''}`}
              onClick={() => choose(item.id)}
            >
              {item.label}
            </button>
          ))}
      </div>
    </>
  );
}
