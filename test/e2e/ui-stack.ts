// The stack the browser test drives: the shared test app (test/helpers/app.ts: the real server
// wiring around the OpenNebula simulator, speed 0) given the built UI, listening on a free
// loopback port. buildTestApp closes everything in t.after.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { buildTestApp, type TestApp, type TestAppOptions } from '../helpers/app.js';

export interface UiStack {
  /** http://127.0.0.1:PORT, where the UI is served. */
  readonly url: string;
  /** The app and simulator behind it (for looking inside the simulator, or API calls by inject). */
  readonly test: TestApp;
}

/** `root` is the project directory, whose public/ holds the built UI (see ui-build.ts). */
export async function startUiStack(
  t: TestContext,
  root: string,
  vms = 40,
  options: Omit<TestAppOptions, 'vms'> = {},
): Promise<UiStack> {
  const test = await buildTestApp(t, { ...options, vms });
  const { app, publicDir } = test;
  // The helper's public/ has a stub page; the UI routes read index.html on the first GET /.
  cpSync(join(root, 'public', 'index.html'), join(publicDir, 'index.html'));
  cpSync(join(root, 'public', 'assets'), join(publicDir, 'assets'), { recursive: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (addr === null || typeof addr !== 'object')
    throw new Error('the test app is not listening on a TCP port');
  return { url: `http://127.0.0.1:${addr.port}`, test };
}
