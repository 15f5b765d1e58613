// The `sunstone-server oned-sim` command line and the checks on startSimulator()'s options.
// Errors name the option, what was given and what is expected.
import { SimArgsError } from './errors.js';

export interface SimulatorOptions {
  /** Default 2633 (oned's port); 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** VMs to seed (default 50). */
  readonly vms?: number;
  /** Seed of the generated cloud (default 1). */
  readonly seed?: number;
  /** Multiplier of every life-cycle delay; 0 = instant (default 1). */
  readonly speed?: number;
  /** Keep connections open between calls (a real oned closes them). */
  readonly keepAlive?: boolean;
  /** Write `serveradmin:<password>` (mode 0600) to this file, as oned writes sunstone_auth. */
  readonly writeAuth?: string;
  /** Added delay before every answer, in milliseconds. */
  readonly latencyMs?: number;
  /** Run the built-in scheduler that deploys PENDING VMs (default true). */
  readonly scheduler?: boolean;
  /** Epoch milliseconds; default Date.now. */
  readonly clock?: () => number;
  /** What one.system.version answers (default 6.10.5, the release the samples come from). */
  readonly version?: string;
  /** Pool order; a stock oned.conf sets API_LIST_ORDER = DESC (default 'desc'). */
  readonly order?: 'asc' | 'desc';
  /** Largest accepted request body in bytes (default 64 MiB). */
  readonly bodyLimit?: number;
}

export const SIM_USAGE = `usage: sunstone-server oned-sim [options]
  --port P          port to listen on (default 2633; 0 = any free port)
  --host H          address to listen on (default 127.0.0.1)
  --vms N           VMs to seed (default 50)
  --seed S          seed of the generated cloud (default 1)
  --speed X         life-cycle delay multiplier, 0 = instant (default 1)
  --write-auth FILE write the serveradmin credentials (serveradmin:<password>, mode 0600) to FILE
  --latency MS      delay every answer by MS milliseconds
  --keep-alive      keep connections open (a real oned closes them after every call)
  --no-scheduler    do not deploy PENDING VMs automatically
  --help            this text`;

function int(option: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !/^-?\d+$/.test(value) || n < min || n > max)
    throw new SimArgsError(
      `${option} expects a whole number from ${min} to ${max}, got ${JSON.stringify(value ?? '')}`,
    );
  return n;
}

function num(option: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new SimArgsError(
      `${option} expects a number >= 0 (0 = instant), got ${JSON.stringify(value ?? '')}`,
    );
  return n;
}

export interface ParsedSimArgs extends SimulatorOptions {
  readonly help?: boolean;
}

export function parseSimArgs(argv: readonly string[]): ParsedSimArgs {
  const out: { -readonly [K in keyof ParsedSimArgs]: ParsedSimArgs[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--port':
        out.port = int('--port', value(), 0, 65535);
        break;
      case '--host':
        out.host = value();
        if (!out.host) throw new SimArgsError('--host expects an address, e.g. --host 127.0.0.1');
        break;
      case '--vms':
        out.vms = int('--vms', value(), 0, 1_000_000);
        break;
      case '--seed':
        out.seed = int('--seed', value(), 0, 2 ** 32 - 1);
        break;
      case '--speed':
        out.speed = num('--speed', value());
        break;
      case '--latency':
        out.latencyMs = int('--latency', value(), 0, 600_000);
        break;
      case '--write-auth':
        out.writeAuth = value();
        if (!out.writeAuth)
          throw new SimArgsError('--write-auth expects a file name, e.g. --write-auth /tmp/sunstone_auth');
        break;
      case '--keep-alive':
        out.keepAlive = true;
        break;
      case '--no-scheduler':
        out.scheduler = false;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new SimArgsError(`unknown option ${JSON.stringify(arg)} for oned-sim\n${SIM_USAGE}`);
    }
  }
  return out;
}

/** The same checks for options given to startSimulator() in code. */
export function checkSimOptions(o: SimulatorOptions): void {
  const whole = (name: string, v: number | undefined, min: number, max: number): void => {
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > max))
      throw new SimArgsError(`option ${name} must be a whole number from ${min} to ${max}, got ${v}`);
  };
  whole('port', o.port, 0, 65535);
  whole('vms', o.vms, 0, 1_000_000);
  whole('seed', o.seed, 0, 2 ** 32 - 1);
  whole('latencyMs', o.latencyMs, 0, 600_000);
  if (o.speed !== undefined && (!Number.isFinite(o.speed) || o.speed < 0))
    throw new SimArgsError(`option speed must be a number >= 0 (0 = instant), got ${o.speed}`);
}
