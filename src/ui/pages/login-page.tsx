// Sign in: user, password, "keep me signed in" (remember=true: a 30-day session), then a second step
// for the two-factor code when the server answers 202 (reference §3.2). Errors say what happened in
// words: wrong credentials, OpenNebula not running, no answer from the server.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { login } from '../api/session-api.js';
import { errorText } from '../model/error-code.js';

export type LoginReason = 'expired' | 'signed-out' | null;

export interface LoginPageProps {
  readonly api: ApiClient;
  readonly reason: LoginReason;
  readonly onLoggedIn: (user: string) => void;
}

const REASON_TEXT: Record<Exclude<LoginReason, null>, string> = {
  expired: 'Your session has ended. Sign in again to continue where you were.',
  'signed-out': 'You have signed out.',
};

export function LoginPage({ api, reason, onLoggedIn }: LoginPageProps) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [step, setStep] = useState<'credentials' | 'code'>('credentials');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'code') codeRef.current?.focus();
  }, [step]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const result = await login(api, {
        user,
        password,
        remember,
        ...(step === 'code' ? { twoFactorToken: code.trim() } : {}),
      });
      if (result.kind === 'two-factor') {
        setStep('code');
        setBusy(false);
        return;
      }
      onLoggedIn(user);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

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
        {step === 'credentials' ? (
          <>
            <label class="field">
              <span class="field__label">Username</span>
              <input
                class="input"
                name="username"
                autocomplete="username"
                autoFocus
                required
                value={user}
                onInput={(e) => setUser(e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span class="field__label">Password</span>
              <input
                class="input"
                type="password"
                name="password"
                autocomplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={remember}
                onChange={(e) => setRemember(e.currentTarget.checked)}
              />
              Keep me signed in
            </label>
          </>
        ) : (
          <label class="field">
            <span class="field__label">Code from your authenticator app</span>
            <input
              ref={codeRef}
              class="input input--code"
              name="code"
              inputMode="numeric"
              autocomplete="one-time-code"
              required
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
        )}
        <button type="submit" class="btn btn--primary btn--block" disabled={busy || user === ''}>
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
