#!/usr/bin/env node
// Entry point of the `sunstone-server` command: runs the compiled CLI (npm run build makes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error(
    `sunstone-server: ${main} is missing; run "npm run build" in ${fileURLToPath(new URL('..', import.meta.url))} first.`,
  );
  process.exit(1);
}
await import(main);
