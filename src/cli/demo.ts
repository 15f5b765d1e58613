// `sunstone-server demo`: the OpenNebula simulator on a free loopback port plus the server on 9869,
// in one process, with a throw-away ONE_LOCATION so no system file is read or written. Ctrl-C stops both.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { startSimulator } from '../oned-sim/main.js';
import { createLogger } from './logger.js';
import { parseOptions, type OptionSpec } from './options.js';
import { serve } from './serve.js';
import { stopOnSignals } from './signals.js';

export const DEMO_USAGE =
  'usage: sunstone-server demo [--port 9869] [--host 127.0.0.1] [--vms 200] [--seed 1]';

const SPEC: OptionSpec = { port: 'integer', host: 'string', vms: 'integer', seed: 'integer' };

/** The fixed demo logins (guides and checks rely on them; the simulator seeds them). */
export const DEMO_LOGINS = [
  { user: 'oneadmin', password: 'opennebula', role: 'administrator' },
  { user: 'demo', password: 'demo', role: 'normal user in group "users", owns some VMs' },
] as const;

export async function runDemo(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const opts = parseOptions(argv, SPEC, DEMO_USAGE);
  const oneLocation = mkdtempSync(join(tmpdir(), 'sunstone-demo-'));
  const authFile = join(oneLocation, 'var', '.one', 'sunstone_auth');
  mkdirSync(join(oneLocation, 'var', '.one'), { recursive: true, mode: 0o700 });
  const sim = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    vms: typeof opts.vms === 'number' ? opts.vms : 200,
    seed: typeof opts.seed === 'number' ? opts.seed : 1,
    speed: 1,
    writeAuth: authFile,
  });
  const { config: loaded } = loadConfig({
    env: { ...env, ONE_LOCATION: oneLocation, ONE_XMLRPC: sim.url },
    endpointFiles: [],
  });
  const config = Object.freeze({
    ...loaded,
    one_xmlrpc: sim.url,
    host: typeof opts.host === 'string' ? opts.host : '127.0.0.1',
    port: typeof opts.port === 'number' ? opts.port : 9869,
    log: { level: 1, system: 'file' as const },
  });
  const logger = createLogger(config, 'sunstone-demo');
  let server;
  try {
    // The simulated VMs' consoles are on loopback ports: the console works in the demo too.
    server = await serve(config, logger, { vncTargets: (host, port) => sim.consoles.resolve(host, port) });
  } catch (err) {
    await sim.close();
    rmSync(oneLocation, { recursive: true, force: true });
    throw err;
  }
  const lines = [
    '',
    `  sunstone-server demo is running: ${server.url.replace('127.0.0.1', 'localhost')}`,
    `  OpenNebula simulator (oned stand-in): ${sim.url}`,
    '',
    '  Log in with:',
    ...DEMO_LOGINS.map((l) => `    ${l.user} / ${l.password}   (${l.role})`),
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const running = server;
  stopOnSignals(logger, async () => {
    await running.close();
    await sim.close();
    rmSync(oneLocation, { recursive: true, force: true });
  });
  return -1;
}
