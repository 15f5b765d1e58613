// The deployment files in config/ are what administrators copy; their site-specific values are
// written {{NAME}} and listed in each file's header. Tests render the same files with local
// values (ports, temporary paths) instead of keeping copies of their own, so a test that passes
// proves the shipped file works. Rendering is strict both ways: a placeholder left without a value,
// or a value the file does not use, is an error (a renamed placeholder cannot go unnoticed).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config');

const PLACEHOLDER = /\{\{([A-Z0-9_]+)\}\}/g;

/** The placeholders a config/ file uses, in order of first appearance. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

export function renderTemplate(
  text: string,
  values: Readonly<Record<string, string>>,
  name = 'template',
): string {
  const used = placeholders(text);
  const missing = used.filter((k) => values[k] === undefined);
  if (missing.length > 0)
    throw new Error(`${name}: no value for ${missing.map((k) => `{{${k}}}`).join(', ')}`);
  const unused = Object.keys(values).filter((k) => !used.includes(k));
  if (unused.length > 0) throw new Error(`${name}: has no ${unused.map((k) => `{{${k}}}`).join(', ')}`);
  return text.replace(PLACEHOLDER, (_m, k: string) => values[k] as string);
}

/** Renders config/<file> into `dest` and returns dest. */
export function renderConfigFile(
  file: string,
  values: Readonly<Record<string, string>>,
  dest: string,
): string {
  writeFileSync(dest, renderTemplate(readFileSync(join(CONFIG_DIR, file), 'utf8'), values, `config/${file}`));
  return dest;
}
