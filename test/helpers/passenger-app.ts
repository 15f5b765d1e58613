// An application directory laid out as Phusion Passenger sees an installed sunstone-server:
// passenger.cjs (the shipped startup file, copied: Node resolves a symlinked CommonJS file to its
// real place), dist/ compiled from the current src/ (esbuild, file by file as `npm run build` lays
// it out, without type checking), package.json and node_modules, and public/ with a stand-in page
// and one asset. Everything is readable by the unprivileged user Passenger runs the server as.
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { TEST_INDEX_HTML } from './app.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function serverSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (relative(ROOT, p) !== join('src', 'ui')) out.push(...serverSources(p));
    } else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function readableByAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) readableByAll(p);
    else chmodSync(p, 0o644);
  }
}

/** The application root (PassengerAppRoot). */
export async function preparePassengerApp(t: TestContext): Promise<string> {
  const app = mkdtempSync(join(tmpdir(), 'sunstone-passenger-app-'));
  t.after(() => rmSync(app, { recursive: true, force: true }));
  await build({
    entryPoints: serverSources(join(ROOT, 'src')),
    outdir: join(app, 'dist'),
    outbase: join(ROOT, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  copyFileSync(join(ROOT, 'passenger.cjs'), join(app, 'passenger.cjs'));
  mkdirSync(join(app, 'public', 'assets'), { recursive: true });
  writeFileSync(join(app, 'public', 'index.html'), TEST_INDEX_HTML);
  writeFileSync(join(app, 'public', 'assets', 'app.js'), 'console.log("sunstone");\n');
  readableByAll(app);
  symlinkSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  return app;
}
