// The application: the login page or the signed-in pages, and the notices over both. A 401 from any
// call (onSessionExpired) shows the login page without touching the URL's hash, so after signing in
// the user is back on the same page with the same filter (ui.md).
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from './api/client.js';
import { getUserConfig } from './api/config-api.js';
import { logout } from './api/session-api.js';
import { getSelf } from './api/user-api.js';
import { AppShell } from './components/app-shell.js';
import { NoticeArea } from './components/notice-area.js';
import { useNotices } from './hooks/use-notices.js';
import { errorCode, errorText } from './model/error-code.js';
import type { PageMeta } from './page-meta.js';
import { LoginPage, type LoginReason } from './pages/login-page.js';
import { VmListPage } from './pages/vm-list-page.js';

export interface AppProps {
  readonly api: ApiClient;
  /** The page came with a session's CSRF token: start signed in. */
  readonly signedIn: boolean;
  /** What the login page asks for (:auth, :keep_me_logged), from the page. */
  readonly loginSettings: Pick<PageMeta, 'auth' | 'keepMeLogged'>;
  /** Remembers the user's name for this tab (the page itself does not carry it). */
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

const USER_KEY = 'sunstone.user';

export function App({ api, signedIn, loginSettings, storage }: AppProps) {
  const notices = useNotices();
  const { notify } = notices;
  const [phase, setPhase] = useState<'login' | 'app'>(signedIn ? 'app' : 'login');
  const [reason, setReason] = useState<LoginReason>(null);
  const [user, setUser] = useState(() => storage.getItem(USER_KEY) ?? '');

  const onSessionExpired = useCallback(() => {
    api.setCsrfToken('');
    setReason('expired');
    setPhase('login');
  }, [api]);

  // '' in remote and x509 modes: the effect below asks the server for the name.
  const onLoggedIn = useCallback(
    (name: string) => {
      if (name === '') storage.removeItem(USER_KEY);
      else storage.setItem(USER_KEY, name);
      setUser(name);
      setReason(null);
      setPhase('app');
    },
    [storage],
  );

  const onLogout = useCallback(async () => {
    try {
      await logout(api);
    } catch (err) {
      notify('error', `Signing out failed: ${errorText(err)}`);
      return;
    }
    storage.removeItem(USER_KEY);
    setReason('signed-out');
    setPhase('login');
  }, [api, notify, storage]);

  // A page opened with a live session (reload, new tab with "keep me signed in") learns the name.
  useEffect(() => {
    if (phase !== 'app' || user !== '') return;
    getSelf(api).then(
      ({ displayName }) => {
        storage.setItem(USER_KEY, displayName);
        setUser(displayName);
      },
      () => undefined, // the header then says "Account"; the list reports real failures itself
    );
  }, [phase, user, api, storage]);

  useEffect(() => {
    document.title = phase === 'login' ? 'Sign in · Sunstone' : 'Virtual machines · Sunstone';
    if (phase !== 'app') return;
    // The user's language from their Sunstone settings; only the lang attribute for now (no
    // translations yet), so a failure other than an expired session changes nothing visible.
    getUserConfig(api).then(
      ({ lang }) => {
        if (lang) document.documentElement.lang = lang.replace('_', '-');
      },
      (err: unknown) => {
        if (errorCode(err) === 'SUN_ERR_UI_SESSION_EXPIRED') onSessionExpired();
      },
    );
  }, [phase, api, onSessionExpired]);

  return (
    <>
      {phase === 'login' ? (
        <LoginPage api={api} reason={reason} settings={loginSettings} onLoggedIn={onLoggedIn} />
      ) : (
        <AppShell user={user} onLogout={() => void onLogout()}>
          <VmListPage api={api} notify={notify} onSessionExpired={onSessionExpired} />
        </AppShell>
      )}
      <NoticeArea items={notices.items} onDismiss={notices.dismiss} />
    </>
  );
}
