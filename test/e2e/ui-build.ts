// Browser tests need public/ built from the current src/ui: `npm test` builds it first, a lone run
// of a test file may not have, so build when public/index.html is missing or older than src/ui.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestIn(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestIn(p) : s.mtimeMs);
  }
  return newest;
}

export function ensureUiBuilt(root: string): void {
  const index = join(root, 'public', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestIn(join(root, 'src', 'ui'))) return;
  const res = spawnSync(process.execPath, [join(root, 'scripts', 'build-ui.mjs')], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`scripts/build-ui.mjs failed (exit ${res.status}):\n${res.stderr}`);
}
