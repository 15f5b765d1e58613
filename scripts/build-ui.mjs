// Builds the browser application: src/ui/main.tsx -> public/assets/app.js, src/ui/styles/index.css ->
// public/assets/app.css, the favicon, and public/index.html from src/ui/index.html with `?v=<content hash>` on both
// asset URLs so browsers fetch new assets after an upgrade. The __SUNSTONE_CSRF__ and __SUNSTONE_BASE__
// placeholders are left in place: the server fills them per request when it serves GET /.
// Usage: node scripts/build-ui.mjs [--dev]   (--dev: not minified, inline source maps)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const outDir = join(root, 'public', 'assets');

/** Bundles one entry point in memory and returns its text (one output file per entry). */
async function bundle(entry, extra = {}) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    target: ['chrome110', 'firefox115', 'safari16'],
    legalComments: 'none',
    logLevel: 'warning',
    outdir: outDir,
    ...extra,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

const js = await bundle('src/ui/main.tsx', {
  format: 'esm',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: join(root, 'tsconfig.ui.json'),
});
// The brand mark's SVG is small: inlined into the CSS as a data URL.
const css = await bundle('src/ui/styles/index.css', { loader: { '.svg': 'dataurl' } });

const version = createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'app.js'), js);
writeFileSync(join(outDir, 'app.css'), css);
copyFileSync(join(root, 'src', 'ui', 'favicon.svg'), join(outDir, 'favicon.svg'));
const html = readFileSync(join(root, 'src', 'ui', 'index.html'), 'utf8').replaceAll(
  '__UI_VERSION__',
  version,
);
writeFileSync(join(root, 'public', 'index.html'), html);
console.log(
  `UI built: public/index.html, public/assets/app.js (${js.length} B), app.css (${css.length} B), v=${version}`,
);
