// `sunstone-server config check [--config FILE]`: loads the configuration exactly as start-up
// does and prints the effective settings (secrets masked) or every problem, one per line. The
// CLI entry only wires argv, the environment and the output streams to runConfigCheck.
import { readServerCredentials } from '../auth/server-credentials.js';
import { describeConfig } from '../config/describe.js';
import { loadConfig } from '../config/load.js';
import { hasCode } from '../errors.js';
import { CONFIG_ERROR_CODES } from '../config/errors.js';
import type { ConfigError } from '../config/errors.js';

export const CONFIG_CHECK_USAGE = 'usage: sunstone-server config check [--config FILE]';

/** Exit codes: 0 usable (warnings allowed), 1 problems found, 2 wrong command line. */
export function runConfigCheck(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      out(CONFIG_CHECK_USAGE);
      return 0;
    }
    if (arg === '--config' || arg === '-c') {
      const next = argv[i + 1];
      if (next === undefined || next === '') {
        err(`${arg} needs a file name\n${CONFIG_CHECK_USAGE}`);
        return 2;
      }
      configFile = next;
      i += 1;
    } else if (arg.startsWith('--config=')) {
      configFile = arg.slice('--config='.length);
    } else {
      err(`unknown argument ${arg}\n${CONFIG_CHECK_USAGE}`);
      return 2;
    }
  }

  let loaded;
  try {
    loaded = loadConfig(configFile === undefined ? { env } : { configFile, env });
  } catch (e) {
    if (hasCode(e, CONFIG_ERROR_CODES.invalid) || hasCode(e, CONFIG_ERROR_CODES.unreadable)) {
      const problems = (e as Partial<ConfigError>).problems ?? [(e as Error).message];
      for (const p of problems) err(p);
      err(
        `${problems.length} problem${problems.length === 1 ? '' : 's'} found; sunstone-server would not start`,
      );
      return 1;
    }
    throw e;
  }
  for (const w of loaded.warnings) err(`warning: ${w}`);
  out(describeConfig(loaded.config).trimEnd());
  // The credentials are not part of the file, but the server cannot start without them: report,
  // without changing the exit status (the check may run as another user than the server).
  try {
    const creds = readServerCredentials(loaded.config.paths.sunstoneAuth);
    out(`# serveradmin credentials: readable, user ${creds.user}`);
    for (const w of creds.warnings) err(`warning: ${w}`);
  } catch (e) {
    out(`# serveradmin credentials: NOT usable by this user: ${(e as Error).message}`);
  }
  return 0;
}
