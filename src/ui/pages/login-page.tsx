// Sign in (reference §3.2): user and password, or in remote and x509 modes only a button (the web
// server in front or the TLS client certificate names the user, as Sunstone's login page does);
// "keep me signed in" (remember=true: a 30-day session) when :keep_me_logged allows it; then the
// two-factor code when the server answers 202, sent with the same credentials. Errors say what
// happened in words: wrong credentials, a refused code, too many failures, OpenNebula not running.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { login } from '../api/session-api.js';
import { CodeField } from '../components/code-field.js';
import { PasswordFields } from '../components/password-fields.js';
import { errorText } from '../model/error-code.js';
import { signsInWithoutPassword, type PageMeta } from '../page-meta.js';

export type LoginReason = 'expired' | 'signed-out' | null;

export interface LoginPageProps {
  readonly api: ApiClient;
  readonly reason: LoginReason;
  /** What sunstone-server.conf asks of the login (:auth, :keep_me_logged). */
  readonly settings: Pick<PageMeta, 'auth' | 'keepMeLogged'>;
  /** The user name when the page knows it ('' in remote and x509 modes: the app asks the server). */
  readonly onLoggedIn: (user: string) => void;
}

const REASON_TEXT: Record<Exclude<LoginReason, null>, string> = {
  expired: 'Your session has ended. Sign in again to continue where you were.',
  'signed-out': 'You have signed out.',
};

export function LoginPage({ api, reason, settings, onLoggedIn }: LoginPageProps) {
  const withPassword = !signsInWithoutPassword(settings.auth);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [step, setStep] = useState<'credentials' | 'code'>('credentials');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // Bumped after each refused code, so the field takes the focus again for the next try.
  const [codeTry, setCodeTry] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'code') codeRef.current?.focus();
  }, [step, codeTry]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const result = await login(api, {
        basic: withPassword ? { user, password } : null,
        remember: settings.keepMeLogged && remember,
        ...(step === 'code' ? { twoFactorToken: code.trim() } : {}),
      });
      if (result.kind === 'two-factor') {
        setStep('code');
        setBusy(false);
        return;
      }
      onLoggedIn(withPassword ? user : '');
    } catch (err) {
      setError(errorText(err));
      if (step === 'code') {
        setCode('');
        setCodeTry((n) => n + 1);
      }
      setBusy(false);
    }
  };

  const ready = step === 'code' ? code.trim() !== '' : !withPassword || user !== '';

  return (
    <main class="login" id="main">
      <form class="login__card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <div class="brand brand--large">
          <span class="brand__mark" aria-hidden="true" />
          <span class="brand__name">Sunstone</span>
        </div>
        <h1 id="login-title" class="login__title">
          {step === 'code' ? 'Two-factor authentication' : 'Sign in to OpenNebula'}
        </h1>
        {reason && !error && (
          <p class="login__info" role="status">
            {REASON_TEXT[reason]}
          </p>
        )}
        <p class="login__error" role="alert">
          {error}
        </p>
        {step === 'code' ? (
          <CodeField inputRef={codeRef} value={code} onInput={setCode} />
        ) : (
          <>
            {withPassword ? (
              <PasswordFields user={user} password={password} onUser={setUser} onPassword={setPassword} />
            ) : (
              <p class="login__hint">
                {settings.auth === 'x509'
                  ? 'Your client certificate identifies you; no password is needed here.'
                  : 'The web server in front of Sunstone identifies you; no password is needed here.'}
              </p>
            )}
            {settings.keepMeLogged && (
              <label class="check">
                <input
                  type="checkbox"
                  checked={remember}
                  onChange={(e) => setRemember(e.currentTarget.checked)}
                />
                Keep me logged in
              </label>
            )}
          </>
        )}
        <button type="submit" class="btn btn--primary btn--block" disabled={busy || !ready}>
          {busy ? 'Signing in…' : step === 'code' ? 'Verify' : 'Sign in'}
        </button>
        {step === 'code' && (
          <button
            type="button"
            class="btn btn--ghost btn--block"
            onClick={() => {
              setStep('credentials');
              setCode('');
              setError('');
            }}
          >
            Back
          </button>
        )}
      </form>
    </main>
  );
}
