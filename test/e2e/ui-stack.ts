// The stack the browser test drives: the OpenNebula simulator on a free loopback port and the server
// built and listening as `sunstone-server` does (cli/serve.ts), with a throw-away ONE_LOCATION.
// Everything is stopped in t.after.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { pino } from 'pino';
import { serve } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config/load.js';
import { startSimulator } from '../../src/oned-sim/main.js';

export interface UiStack {
  /** http://127.0.0.1:PORT, the UI's address. */
  readonly url: string;
}

export async function startUiStack(
  t: Pick<TestContext, 'after'>,
  opts: { vms?: number; seed?: number; speed?: number } = {},
): Promise<UiStack> {
  const oneLocation = mkdtempSync(join(tmpdir(), 'sunstone-e2e-'));
  t.after(() => rmSync(oneLocation, { recursive: true, force: true }));
  const authFile = join(oneLocation, 'var', '.one', 'sunstone_auth');
  mkdirSync(join(oneLocation, 'var', '.one'), { recursive: true, mode: 0o700 });
  const sim = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    vms: opts.vms ?? 40,
    seed: opts.seed ?? 1,
    speed: opts.speed ?? 0,
    writeAuth: authFile,
  });
  t.after(() => sim.close());
  const { config: loaded } = loadConfig({
    env: { ONE_LOCATION: oneLocation, ONE_XMLRPC: sim.url },
    endpointFiles: [],
  });
  const config = Object.freeze({ ...loaded, one_xmlrpc: sim.url, host: '127.0.0.1', port: 0 });
  const server = await serve(config, pino({ level: 'silent' }));
  t.after(() => server.close());
  return { url: server.url };
}
