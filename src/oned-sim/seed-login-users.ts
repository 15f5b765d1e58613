// Users for the login modes other than a plain password (issue #3 §4), seeded after everything else
// and without drawing from the simulator's random numbers, so the rest of the cloud, and what the
// simulator does later, are the same with or without them:
// - `carol`, driver public: `:auth: remote` logs her in when the proxy says REMOTE_USER=carol
//   (oned stores a public user's password as given; oned itself always refuses public users);
// - `dave`, driver x509: his PASSWORD lists two escaped DNs, the second the subject of
//   test/fixtures/x509/dave.pem;
// - `erin`, driver core, password "erin", enrolled in TOTP 2FA under Ruby Sunstone's template key.
import { sha256Hex } from './cipher.js';
import type { SimState } from './state.js';
import { templateOf } from './template.js';

/** The DNs in dave's PASSWORD ('|'-separated, whitespace escaped as oned's x509 driver does). */
export const DAVE_DNS = [
  '/C=ES/O=OpenNebula/CN=dave',
  '/C=ES/O=OpenNebula\\20Test/CN=Dave\\20Smith',
] as const;

/** erin's TOTP secret (base32, as ROTP writes them). */
export const ERIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const LOGIN_MODE_USERS = {
  remote: { name: 'carol', driver: 'public' },
  x509: { name: 'dave', driver: 'x509' },
  twoFactor: { name: 'erin', password: 'erin', secret: ERIN_TOTP_SECRET },
} as const;

export function seedLoginUsers(state: SimState): void {
  const add = (name: string, password: string, driver: string, sunstone?: Record<string, string>): void => {
    const entries: Array<[string, string | Record<string, string>]> = [
      // 64 hex characters like the others, fixed per name.
      ['TOKEN_PASSWORD', sha256Hex(`token-password:${name}`)],
    ];
    if (sunstone !== undefined) entries.push(['SUNSTONE', sunstone]);
    state.users.insert({
      id: state.users.nextId(),
      name,
      gid: 1,
      groups: [1],
      password,
      driver,
      enabled: true,
      template: templateOf(entries),
      tokens: [],
      session: null,
    });
  };
  add('carol', 'carol', 'public');
  add('dave', DAVE_DNS.join('|'), 'x509');
  add('erin', sha256Hex('erin'), 'core', { TWO_FACTOR_AUTH_SECRET: ERIN_TOTP_SECRET, LANG: 'en_US' });
}
