// The user name and password of a Basic login (the opennebula and sunstone modes).
export interface PasswordFieldsProps {
  readonly user: string;
  readonly password: string;
  readonly onUser: (value: string) => void;
  readonly onPassword: (value: string) => void;
}

export function PasswordFields({ user, password, onUser, onPassword }: PasswordFieldsProps) {
  return (
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
          onInput={(e) => onUser(e.currentTarget.value)}
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
          onInput={(e) => onPassword(e.currentTarget.value)}
        />
      </label>
    </>
  );
}
