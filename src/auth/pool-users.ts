// The users of one.userpool.info as the login modes that read the pool need them (reference §6.1:
// sunstone, remote and x509 look users up in the pool read as serveradmin), indexed once per
// refresh so each login is a map lookup, not a scan of thousands of users.
import type { OneJson, OneJsonValue } from '../one/types.js';

export interface PoolUser {
  readonly id: number;
  readonly name: string;
  /** The stored PASSWORD: SHA-256 hex for core, the value as given for public, DNs for x509. */
  readonly password: string;
  readonly driver: string;
  readonly enabled: boolean;
}

function objectOf(v: OneJsonValue | undefined): OneJson | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

function text(v: OneJsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

/** The users of a `{"USER_POOL":{"USER":...}}` document (one object, an array, or none). */
export function usersOfPool(doc: OneJson): PoolUser[] {
  const raw = objectOf(doc.USER_POOL)?.USER;
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const out: PoolUser[] = [];
  for (const entry of list) {
    const u = objectOf(entry);
    if (u === undefined || typeof u.NAME !== 'string') continue;
    out.push({
      id: Number(text(u.ID)),
      name: u.NAME,
      password: text(u.PASSWORD),
      driver: text(u.AUTH_DRIVER),
      enabled: text(u.ENABLED) !== '0',
    });
  }
  return out;
}

/** An x509 user's PASSWORD holds one or more escaped DNs separated by '|'. */
export function x509Dns(password: string): string[] {
  return password.split('|').filter((dn) => dn !== '');
}

/** The pool, indexed for the three lookups the login modes make. */
export class UserIndex {
  readonly size: number;
  readonly #byName = new Map<string, PoolUser>();
  readonly #publicByPassword = new Map<string, PoolUser>();
  readonly #x509ByDn = new Map<string, PoolUser>();

  constructor(users: readonly PoolUser[]) {
    this.size = users.length;
    for (const u of users) {
      this.#byName.set(u.name, u);
      // The first user in pool order wins a duplicate, as the first XPath match did in Sunstone.
      if (u.driver === 'public' && !this.#publicByPassword.has(u.password)) {
        this.#publicByPassword.set(u.password, u);
      }
      if (u.driver === 'x509') {
        for (const dn of x509Dns(u.password)) if (!this.#x509ByDn.has(dn)) this.#x509ByDn.set(dn, u);
      }
    }
  }

  /** The user called `name`. */
  byName(name: string): PoolUser | undefined {
    return this.#byName.get(name);
  }

  /** The `public`-driver user whose PASSWORD is exactly `value` (remote mode). */
  publicUser(value: string): PoolUser | undefined {
    return this.#publicByPassword.get(value);
  }

  /** The `x509`-driver user that lists the escaped DN `dn` among its '|'-separated DNs. */
  x509User(dn: string): PoolUser | undefined {
    return this.#x509ByDn.get(dn);
  }
}
