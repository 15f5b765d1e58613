// Keeps docs/errors.md and the error codes in the code in step (as Fastify's errors test does):
// every SUN_ERR_* code used in src/ is documented, and the document lists no code that is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const CODE = /SUN_ERR_[A-Z0-9_]+/g;

test('every SUN_ERR_* code in src/ is documented in docs/errors.md, and only those', () => {
  const inCode = new Set<string>();
  for (const file of sources('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(CODE)) inCode.add(m[0]);
  }
  // Codes built from a prefix (`SUN_ERR_ONE_${name}`) appear in the code as the prefix alone.
  const prefixes = [...inCode].filter((c) => c.endsWith('_'));
  // Retired codes stay documented but are no longer raised: only the part above "## Retired" counts.
  const doc = readFileSync('docs/errors.md', 'utf8').split('## Retired')[0] ?? '';
  const inDoc = new Set([...doc.matchAll(CODE)].map((m) => m[0]));
  for (const c of inCode) {
    if (c.endsWith('_')) continue;
    assert.ok(inDoc.has(c), `${c} is used in src/ but missing from docs/errors.md`);
  }
  for (const c of inDoc) {
    const used = inCode.has(c) || prefixes.some((p) => c.startsWith(p));
    assert.ok(
      used,
      `${c} is listed in docs/errors.md but no longer used in src/ (retire it in the "Retired" section instead)`,
    );
  }
});
