// The two-factor step's field: the 6-digit TOTP code from the user's authenticator app. Typed as
// text with a numeric keyboard (a number input would drop leading zeros); the browser or a
// password manager may fill it (one-time-code).
import type { Ref } from 'preact';

export interface CodeFieldProps {
  readonly inputRef: Ref<HTMLInputElement>;
  readonly value: string;
  readonly onInput: (value: string) => void;
}

export function CodeField({ inputRef, value, onInput }: CodeFieldProps) {
  return (
    <label class="field">
      <span class="field__label">6-digit code from your authenticator app</span>
      <input
        ref={inputRef}
        class="input input--code"
        name="two_factor_auth_token"
        inputMode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]*"
        required
        value={value}
        onInput={(e) => {
          // Digits only ("123 456" pasted is 123456); set on the element too, because a controlled
          // input whose state does not change is not re-rendered and would keep the stray character.
          const digits = e.currentTarget.value.replace(/\D/g, '');
          e.currentTarget.value = digits;
          onInput(digits);
        }}
      />
    </label>
  );
}
