// The frame around every signed-in page: a skip link, the header with the product name, the
// navigation and the user menu (sign out), then the page.
import type { ComponentChildren } from 'preact';
import { MenuButton } from './menu-button.js';

export interface AppShellProps {
  /** The signed-in user's name, or '' when this page load does not know it. */
  readonly user: string;
  readonly onLogout: () => void;
  readonly children: ComponentChildren;
}

export function AppShell(props: AppShellProps) {
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">
          <span class="brand__mark" aria-hidden="true" />
          <span class="brand__name">Sunstone</span>
        </span>
        <nav class="topnav" aria-label="Main">
          <a class="topnav__link" href="#/vms" aria-current="page">
            Virtual machines
          </a>
        </nav>
        <MenuButton
          label={props.user ? `Account: ${props.user}` : 'Account'}
          items={[{ id: 'logout', label: 'Sign out' }]}
          onSelect={(id) => id === 'logout' && props.onLogout()}
          class="btn btn--ghost user-button"
        >
          <span class="user-button__avatar" aria-hidden="true">
            {(props.user || '?').charAt(0).toUpperCase()}
          </span>
          <span class="user-button__name">{props.user || 'Account'}</span>
        </MenuButton>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
