import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_KEYS, LEGACY_KEYS, defaultSettings, isKnownKey } from '../../../src/config/defaults.js';
import { SHARED, SHARED_SKIP } from '../../shared.js';

/** The keys named in the first column of sunstone-server.md §7.2 ("`:threshold_min` / `_low`" style included). */
function referenceKeys(markdown: string): string[] {
  const start = markdown.indexOf('### 7.2');
  assert.ok(start >= 0, 'section 7.2 not found in the reference');
  const end = markdown.indexOf('\n#', start + 1);
  const keys: string[] = [];
  for (const line of markdown.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cell = line.startsWith('| `') ? line.split('|')[1] : undefined;
    if (cell === undefined) continue;
    // `:log` -> `:level`, `:system`: the part after the arrow is nested under :log.
    const own = cell.split('->')[0] ?? '';
    let last = '';
    for (const m of own.matchAll(/`:?([a-z0-9_]+)`/g)) {
      const name = m[1] ?? '';
      // `_low` after `:threshold_min` means threshold_low.
      const key = name.startsWith('_') ? last.replace(/_[^_]+$/, '') + name : name;
      keys.push(key);
      last = key;
    }
  }
  return keys;
}

test('the defaults table covers every key of sunstone-server.md §7.2', { skip: SHARED_SKIP }, () => {
  const keys = referenceKeys(readFileSync(join(SHARED as string, 'reference/sunstone-server.md'), 'utf8'));
  assert.ok(keys.length > 50, `only ${keys.length} keys parsed from §7.2`);
  assert.ok(keys.includes('threshold_high') && keys.includes('log') && keys.includes('debug_level'));
  assert.deepEqual(
    keys.filter((k) => !isKnownKey(k)),
    [],
  );
});

test('every default passes its own check unchanged', () => {
  for (const [key, spec] of Object.entries(FILE_KEYS)) {
    const r = (spec.check as (v: unknown) => { ok: boolean; value?: unknown })(spec.default);
    assert.ok(r.ok, `default of :${key} fails its check`);
    if (r.value !== undefined) assert.deepEqual(r.value, spec.default, `:${key}`);
  }
});

test('our additions have the documented defaults', () => {
  const d = defaultSettings();
  assert.equal(d.workers, 1);
  assert.deepEqual(d.trusted_proxies, ['127.0.0.1/8', '::1']);
  assert.equal(d.session_secret, null);
  assert.equal(d.session_bind_ip, false);
  assert.equal(d.base_path, '');
  assert.equal(d.one_xmlrpc_max_connections, 8);
  const ours = Object.entries(FILE_KEYS)
    .filter(([, s]) => s.origin === 'ours')
    .map(([k]) => k)
    .sort();
  assert.deepEqual(ours, [
    'base_path',
    'one_xmlrpc_max_connections',
    'session_bind_ip',
    'session_secret',
    'trusted_proxies',
    'workers',
  ]);
});

test('legacy keys are apart from the settings, and the table is frozen', () => {
  for (const k of Object.keys(LEGACY_KEYS)) assert.ok(!Object.hasOwn(FILE_KEYS, k), k);
  assert.ok(Object.isFrozen(FILE_KEYS));
  assert.ok(Object.isFrozen(FILE_KEYS.leases.default));
  assert.equal(isKnownKey('nope'), false);
});
