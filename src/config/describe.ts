// The effective configuration as sunstone-server.conf text (what `sunstone-server config check`
// prints): every key in the defaults table's order, Ruby-symbol style, with secrets masked. The
// output is itself a valid sunstone-server.conf that loads to the same settings, secrets aside.
import { stringify } from 'yaml';
import { FILE_KEYS } from './defaults.js';
import type { FileSettings, SunstoneConfig } from './types.js';

export const MASK = '********';

/** Hides the password of `scheme://user:password@host` URLs. */
export function maskUrlPassword(s: string): string {
  return s.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:)[^/@\s]*@/i, `$1${MASK}@`);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    const s = maskUrlPassword(value);
    // JSON strings are valid YAML; used where YAML would need a block scalar or Psych a symbol.
    if (s.includes('\n') || s.startsWith(':')) return JSON.stringify(s);
    return stringify(s, { version: '1.1' }).trimEnd();
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function emit(out: string[], name: string, value: unknown, indent: string, symbolKeys: boolean): void {
  const label = `${indent}${symbolKeys ? ':' : ''}${name}:`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${label} []`);
      return;
    }
    out.push(label);
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !(item instanceof Date)) {
        out.push(`${indent}  - ${JSON.stringify(item)}`);
      } else out.push(`${indent}  - ${scalar(item)}`);
    }
    return;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      out.push(`${label} {}`);
      return;
    }
    out.push(label);
    // Only :log has symbol sub-keys; pass-through maps (:leases, :addons) keep plain names.
    for (const [k, v] of entries) emit(out, k, v, `${indent}  `, symbolKeys && name === 'log');
    return;
  }
  const text = scalar(value);
  out.push(text === '' ? label : `${label} ${text}`);
}

export function describeConfig(config: SunstoneConfig): string {
  const out: string[] = [
    '# sunstone-server: effective configuration',
    `# file: ${config.source ?? 'none (defaults)'}`,
    `# ONE_LOCATION: ${config.paths.oneLocation ?? 'unset (system-wide paths)'}`,
    `# serveradmin credentials: ${config.paths.sunstoneAuth}`,
    `# log file: ${config.paths.sunstoneLog}`,
    config.pool_page_size > 0
      ? `# vm and image pools: pages of ${config.pool_page_size} (ONE_POOL_PAGE_SIZE)`
      : '# vm and image pools: one call, no paging (ONE_POOL_PAGE_SIZE)',
  ];
  for (const key of Object.keys(FILE_KEYS) as (keyof FileSettings)[]) {
    const spec = FILE_KEYS[key];
    const value: unknown = config[key];
    if (spec.secret && value !== null) out.push(`:${key}: '${MASK}'`);
    else if (key === 'session_secret' && value === null) {
      out.push(':session_secret: # none: derived from the serveradmin credentials');
    } else emit(out, key, value, '', true);
  }
  return `${out.join('\n')}\n`;
}
