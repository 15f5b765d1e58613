// Value checkers for configuration keys. Each takes the value as YAML delivered it and either
// accepts it (normalised to the type SunstoneConfig declares) or says what is accepted, so that
// validate.ts can write one line per problem. `undefined` as an accepted value means "use the
// default": Ruby's `$conf[:key] || default` treats an empty `:key:` (nil) like an absent key.
import { isIP } from 'node:net';

export interface Issue {
  /** Path below the key (e.g. ['level'] under :log), [] for the key itself. */
  readonly path: readonly string[];
  readonly value: unknown;
  /** Completes "expected ...": what the key accepts. */
  readonly expected: string;
}

export type CheckResult<T> =
  | {
      readonly ok: true;
      readonly value: T | undefined;
      /** Sub-keys that were not understood and are ignored (paths below the key). */
      readonly ignored?: readonly (readonly string[])[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export type Check<T> = (value: unknown) => CheckResult<T>;

const accept = <T>(value: T | undefined): CheckResult<T> => ({ ok: true, value });
const reject = <T>(value: unknown, expected: string, path: readonly string[] = []): CheckResult<T> => ({
  ok: false,
  issues: [{ path, value, expected }],
});

/** Whole numbers, also written as a quoted decimal string (Ruby's to_i callers accepted "9869"). */
function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[-+]?\d{1,15}\s*$/.test(value)) return Number(value.trim());
  return undefined;
}

export function integer(
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  opts: { nullable?: boolean } = {},
): Check<number> {
  const expected =
    max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  return (value) => {
    if (value === null) return accept<number>(undefined);
    const n = toInteger(value);
    return n !== undefined && n >= min && n <= max
      ? accept(n)
      : reject(value, opts.nullable ? `${expected}, or nothing` : expected);
  };
}

/** true/false, the YAML 1.1 words (already booleans), or those words quoted. */
export function boolean(): Check<boolean> {
  return (value) => {
    if (value === null) return accept<boolean>(undefined);
    if (typeof value === 'boolean') return accept(value);
    if (typeof value === 'string') {
      if (/^(?:true|yes|on)$/i.test(value)) return accept(true);
      if (/^(?:false|no|off)$/i.test(value)) return accept(false);
    }
    return reject(value, 'true or false (yes/no also work)');
  };
}

/**
 * One of fixed words. `fromBoolean` maps YAML's yes/no (which arrive as booleans) back to the
 * words the administrator wrote, for keys such as :vnc_proxy_support_wss (no|yes|only).
 */
export function oneOf<const W extends string>(
  words: readonly W[],
  opts: { fromBoolean?: { true: W; false: W } } = {},
): Check<W> {
  const expected = `one of ${words.join(', ')}`;
  return (value) => {
    if (value === null) return accept<W>(undefined);
    if (typeof value === 'boolean' && opts.fromBoolean)
      return accept(opts.fromBoolean[String(value) as 'true']);
    const found = words.find((w) => w === value);
    return found !== undefined ? accept(found) : reject(value, expected);
  };
}

/** Free text. Numbers are accepted as their text (`:vnc_proxy_port: 29876`). */
export function text(opts: { nonEmpty?: boolean; nullAs?: string | null } = {}): Check<string> {
  return (value) => {
    if (value === null) return accept<string>(opts.nullAs ?? undefined);
    const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof s !== 'string') return reject(value, 'a text value');
    if (opts.nonEmpty && s.trim() === '') return reject(value, 'a non-empty text value');
    return accept(s);
  };
}

/** Text that may be absent: null stays null. */
export function optionalText(): Check<string | null> {
  return (value) => {
    if (value === null) return accept<string | null>(null);
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      return accept(String(value));
    }
    return reject(value, 'a text value, or nothing');
  };
}

function isUrl(value: string, schemes: readonly string[]): boolean {
  if (!URL.canParse(value)) return false;
  const u = new URL(value);
  return schemes.includes(u.protocol.slice(0, -1)) && u.hostname !== '';
}

function urlCheck(
  schemes: readonly string[],
  example: string,
  empty: 'default' | 'null' | 'blank',
): Check<string | null> {
  const list = schemes.map((s) => `${s}://`);
  const names = list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
  const expected = `an ${names} URL such as ${example}${empty === 'default' ? '' : ', or nothing'}`;
  return (value) => {
    if (value === null || value === '') {
      if (empty === 'null') return accept<string | null>(null);
      if (empty === 'blank') return accept<string | null>('');
      if (value === null) return accept<string | null>(undefined);
    }
    return typeof value === 'string' && isUrl(value.trim(), schemes)
      ? accept<string | null>(value.trim())
      : reject(value, expected);
  };
}

/**
 * A URL with one of `schemes`; `example` completes the message (":one_xmlrpc ... expected an
 * http:// or https:// URL such as http://HOST:2633/RPC2"). With `blankAllowed`, an empty value
 * gives '' (the feature is off) instead of the default.
 */
export function url(
  schemes: readonly string[],
  example: string,
  opts: { blankAllowed?: boolean } = {},
): Check<string> {
  return urlCheck(schemes, example, opts.blankAllowed ? 'blank' : 'default') as Check<string>;
}

/** An optional URL: nothing gives null. */
export function optionalUrl(schemes: readonly string[], example: string): Check<string | null> {
  return urlCheck(schemes, example, 'null');
}

/**
 * A list of text items: a YAML list, or one comma-separated string (`:memcache_host: a,b`).
 * `item` narrows the items (e.g. IP addresses): `one` names an item, `many` the list's content.
 */
export function textList(
  opts: { commaString?: boolean; item?: { test: (s: string) => boolean; one: string; many: string } } = {},
): Check<readonly string[]> {
  const many = opts.item?.many ?? 'text items';
  const expected = opts.commaString
    ? `a list of ${many}, or one comma-separated string of them`
    : `a list of ${many}`;
  return (value) => {
    if (value === null) return accept<readonly string[]>(undefined);
    let items: unknown[];
    if (Array.isArray(value)) items = value;
    else if (opts.commaString && typeof value === 'string') items = value.split(',');
    else return reject(value, expected);
    const out: string[] = [];
    for (const [i, raw] of items.entries()) {
      const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
      if (s === undefined || s === '' || (opts.item && !opts.item.test(s))) {
        return reject(raw, opts.item?.one ?? 'a non-empty text item', [String(i)]);
      }
      out.push(s);
    }
    return accept(out);
  };
}

/** An IPv4/IPv6 address, optionally with a /prefix, as in :trusted_proxies. */
export function isAddressOrCidr(s: string): boolean {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const family = isIP(addr);
  if (family === 0) return false;
  if (slash < 0) return true;
  const prefix = s.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A mapping handed through untouched (e.g. :leases); null stays null. */
export function mapping(): Check<Readonly<Record<string, unknown>> | null> {
  return (value) => {
    if (value === null) return accept<Readonly<Record<string, unknown>> | null>(null);
    return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? accept(value as Record<string, unknown>)
      : reject(value, 'a mapping of names to values, or nothing');
  };
}

/** Anything YAML can hold; handed to the UI as it is. */
export function anything(): Check<unknown> {
  return (value) => accept(value);
}

/** A nested mapping of sub-keys, each with its own check; unknown sub-keys are reported as ignored. */
export function nested<T extends object>(
  fields: { readonly [K in keyof T]: Check<T[K]> },
  defaults: T,
): Check<T> {
  return (value) => {
    if (value === null) return accept<T>(undefined);
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
      return reject(
        value,
        `a mapping with ${Object.keys(fields)
          .map((k) => `:${k}`)
          .join(', ')}`,
      );
    }
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    const issues: Issue[] = [];
    const ignored: string[][] = [];
    for (const [k, v] of Object.entries(src)) {
      const check = (fields as Record<string, Check<unknown> | undefined>)[k];
      if (check === undefined) {
        ignored.push([k]);
        continue;
      }
      const r = check(v);
      if (!r.ok) issues.push(...r.issues.map((i) => ({ ...i, path: [k, ...i.path] })));
      else if (r.value !== undefined) out[k] = r.value;
    }
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out as unknown as T, ignored };
  };
}

/** Tries `checks` in turn; the first that accepts wins, else `expected` is reported. */
export function either<T>(expected: string, ...checks: Check<T>[]): Check<T> {
  return (value) => {
    for (const check of checks) {
      const r = check(value);
      if (r.ok) return r;
    }
    return reject(value, expected);
  };
}

/** A check narrowed by a predicate on the accepted value. */
export function refine<T>(check: Check<T>, test: (v: T) => boolean, expected: string): Check<T> {
  return (value) => {
    const r = check(value);
    if (!r.ok) return reject(value, expected);
    return r.value === undefined || test(r.value) ? r : reject(value, expected);
  };
}

/** A check whose accepted value is transformed (e.g. normalising '/sunstone/' to '/sunstone'). */
export function map<T, U>(check: Check<T>, f: (v: T) => U): Check<U> {
  return (value) => {
    const r = check(value);
    if (!r.ok) return r;
    return { ...r, value: r.value === undefined ? undefined : f(r.value) };
  };
}
