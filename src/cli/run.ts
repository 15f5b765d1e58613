// `sunstone-server run [--config FILE] [--port N] [--host ADDR]`: the server, in the foreground.
import { loadConfig } from '../config/load.js';
import type { SunstoneConfig } from '../config/types.js';
import { createLogger } from './logger.js';
import { serve } from './serve.js';
import { stopOnSignals } from './signals.js';
import { parseOptions, type OptionSpec } from './options.js';

export const RUN_USAGE = 'usage: sunstone-server run [--config FILE] [--host ADDR] [--port N]';

const SPEC: OptionSpec = { config: 'string', host: 'string', port: 'integer' };

export async function runServer(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const opts = parseOptions(argv, SPEC, RUN_USAGE);
  const { config: loaded, warnings } = loadConfig({
    ...(typeof opts.config === 'string' ? { configFile: opts.config } : {}),
    env,
  });
  const config: SunstoneConfig = Object.freeze({
    ...loaded,
    ...(typeof opts.host === 'string' ? { host: opts.host } : {}),
    ...(typeof opts.port === 'number' ? { port: opts.port } : {}),
  });
  const logger = createLogger(config);
  for (const w of warnings) logger.warn(w);
  logger.info(`configuration: ${config.source ?? 'defaults (no sunstone-server.conf found)'}`);
  const server = await serve(config, logger);
  logger.info(`sunstone-server listening on ${server.url}, oned at ${config.one_xmlrpc}`);
  stopOnSignals(logger, server.close);
  return -1; // keep running
}
