// The `sunstone-server` command. Only src/cli reads argv, handles signals and exits the process.
import { readFileSync } from 'node:fs';
import { runConfigCheck } from './config-check.js';
import { runDemo } from './demo.js';
import { runServer } from './run.js';

const USAGE = `usage: sunstone-server <command> [options]

commands:
  run [--config FILE] [--host ADDR] [--port N]   start the server in the foreground (default command)
      [--workers N|auto] [--grace SECONDS]        several processes (SIGHUP: rolling restart); stop bound
  demo [--port 9869] [--vms 200]                  the server against the built-in OpenNebula simulator
  oned-sim --port P --vms N --seed S [--write-auth FILE]
                                                  the OpenNebula simulator alone (XML-RPC on /RPC2)
  config check [--config FILE]                    print the effective configuration, or its problems
  --version, --help`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      return runServer([], process.env);
    case 'run':
      return runServer(rest, process.env);
    case 'demo':
      return runDemo(rest, process.env);
    case 'oned-sim': {
      const { runSimulatorCli } = await import('../oned-sim/main.js');
      await runSimulatorCli(rest);
      return -1;
    }
    case 'config':
      if (rest[0] !== 'check') {
        process.stderr.write('usage: sunstone-server config check [--config FILE]\n');
        return 2;
      }
      return runConfigCheck(
        rest.slice(1),
        process.env,
        (s) => process.stdout.write(s + '\n'),
        (s) => process.stderr.write(s + '\n'),
      );
    case '--version':
    case '-v':
      process.stdout.write(version() + '\n');
      return 0;
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      if (command.startsWith('--')) return runServer(argv, process.env);
      process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    const e = err as { code?: string; message?: string; statusCode?: number };
    // Our errors carry a message meant for the operator; anything else is a bug worth its stack.
    if (typeof e.code === 'string' && e.code.startsWith('SUN_ERR_')) {
      process.stderr.write(`sunstone-server: ${e.message ?? String(err)}\n`);
      process.exitCode = e.code === 'SUN_ERR_CLI_USAGE' ? 2 : 1;
    } else {
      process.stderr.write(
        `sunstone-server: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
