// Checks every key of a parsed sunstone-server.conf against the table in defaults.ts. Problems are
// collected, not thrown one by one, and each is one line naming file:line, the key, the bad value
// and what is accepted: "/etc/one/sunstone-server.conf:12: :port is 70000; expected an integer
// from 1 to 65535". Keys nobody reads are warnings, never fatal (Sunstone ignored them too).
import { FILE_KEYS, LEGACY_KEYS } from './defaults.js';
import type { Issue } from './checks.js';
import type { RubyYaml } from './ruby-yaml.js';
import type { FileSettings } from './types.js';

export interface Validated {
  /** The accepted values of the keys the file sets (absent keys are left out). */
  readonly settings: Partial<FileSettings>;
  /** Accepted values of old keys (e.g. debug_level), by name. */
  readonly legacy: Readonly<Record<string, unknown>>;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

const MAX_SHOWN = 80;

/** How a bad value reads in a message; secrets only by their shape. */
export function showValue(value: unknown, secret = false): string {
  if (value === null || value === undefined) return 'empty';
  if (secret)
    return typeof value === 'string' ? `a hidden value of ${value.length} characters` : `a ${typeof value}`;
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === 'string') return clip(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list ${clip(JSON.stringify(value))}`;
  return `a mapping ${clip(JSON.stringify(value))}`;
}

function clip(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 3)}...` : s;
}

/** ":log/:level", ":memcache_host item 2": how the position of a value inside a key reads. */
function keyLabel(key: string, path: readonly string[]): string {
  let out = `:${key}`;
  for (const seg of path) out += /^\d+$/.test(seg) ? ` item ${Number(seg) + 1}` : `/:${seg}`;
  return out;
}

/** The line of the innermost map key along `path` (list items have no key line of their own). */
function lineOf(doc: RubyYaml, key: string, path: readonly string[]): number {
  const parts = [key, ...path];
  for (let n = parts.length; n > 0; n--) {
    const line = doc.lines.get(parts.slice(0, n).join('/'));
    if (line !== undefined) return line;
  }
  return 0;
}

function problemLine(doc: RubyYaml, file: string, key: string, issue: Issue, secret: boolean): string {
  let msg =
    `${file}:${lineOf(doc, key, issue.path)}: ${keyLabel(key, issue.path)} is ` +
    `${showValue(issue.value, secret)}; expected ${issue.expected}`;
  if (typeof issue.value === 'boolean' && !issue.expected.includes('true or false')) {
    msg += ' (YAML reads unquoted yes/no/on/off as true/false: put the word in quotes)';
  }
  return msg;
}

/** Edit distance counting a swap of neighbours as one edit; both strings are short. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** " (did you mean :port?)" for a near miss: one edit for short names, two for longer ones. */
function suggestion(key: string): string {
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const known of Object.keys(FILE_KEYS)) {
    const dist = distance(key, known);
    if (dist < bestDistance) [best, bestDistance] = [known, dist];
  }
  return best === undefined ? '' : ` (did you mean :${best}?)`;
}

/** Messages in file order (symbol keys are looked at before plain ones); stable for equal lines. */
function byLine(file: string, lines: string[]): string[] {
  const prefix = `${file}:`;
  const line = (s: string): number => (s.startsWith(prefix) ? parseInt(s.slice(prefix.length), 10) || 0 : 0);
  return lines
    .map((s, i) => ({ s, i, n: line(s) }))
    .sort((x, y) => x.n - y.n || x.i - y.i)
    .map((x) => x.s);
}

/** For `:log:`-style keys: drops sub-keys written without the colon, which Ruby would not see. */
function symbolSubKeys(
  doc: RubyYaml,
  file: string,
  key: string,
  value: unknown,
  warnings: string[],
): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [sub, v] of Object.entries(value)) {
    if (doc.plainKeys.has(`${key}/${sub}`)) {
      warnings.push(
        `${file}:${lineOf(doc, key, [sub])}: ${sub}: under :${key}: has no leading colon, so Sunstone never ` +
          `reads it; write :${sub}: (ignored)`,
      );
    } else out[sub] = v;
  }
  return out;
}

export function validateSettings(doc: RubyYaml, file: string): Validated {
  const settings: Record<string, unknown> = {};
  const legacy: Record<string, unknown> = {};
  const problems: string[] = [];
  const warnings: string[] = [...doc.warnings];

  for (const [key, value] of Object.entries(doc.data)) {
    const line = lineOf(doc, key, []);
    const spec = Object.hasOwn(FILE_KEYS, key) ? FILE_KEYS[key as keyof FileSettings] : undefined;
    const old = Object.hasOwn(LEGACY_KEYS, key) ? LEGACY_KEYS[key] : undefined;
    if (doc.plainKeys.has(key)) {
      // Ruby looks settings up by symbol, so `port: 9869` is silently unused there; say so.
      warnings.push(
        spec || old
          ? `${file}:${line}: ${key}: has no leading colon, so Sunstone never reads it; write :${key}: (ignored)`
          : `${file}:${line}: unknown key ${key} ignored${suggestion(key)}`,
      );
      continue;
    }
    const check = spec?.check ?? old?.check;
    if (check === undefined) {
      warnings.push(`${file}:${line}: unknown key :${key} ignored${suggestion(key)}`);
      continue;
    }
    const secret = spec?.secret ?? old?.secret ?? false;
    const result = check(spec?.nested ? symbolSubKeys(doc, file, key, value, warnings) : value);
    if (!result.ok) {
      for (const issue of result.issues) problems.push(problemLine(doc, file, key, issue, secret));
      continue;
    }
    for (const sub of result.ignored ?? []) {
      warnings.push(`${file}:${lineOf(doc, key, sub)}: unknown key ${keyLabel(key, sub)} ignored`);
    }
    if (result.value === undefined) continue;
    if (spec) settings[key] = result.value;
    else legacy[key] = result.value;
  }
  return {
    settings: settings as Partial<FileSettings>,
    legacy,
    problems: byLine(file, problems),
    warnings: byLine(file, warnings),
  };
}
