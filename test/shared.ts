// Where the reference data lives: ../shared beside the project. Absent in a user's clone, where the
// conformance tests that read it skip with a note saying why.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const candidate = fileURLToPath(new URL('../../shared', import.meta.url));
export const SHARED: string | undefined =
  process.env.SUNSTONE_SHARED ?? (existsSync(candidate) ? candidate : undefined);
export const SHARED_SKIP = SHARED
  ? false
  : 'reference data ../shared is absent (user clone); conformance test skipped';
