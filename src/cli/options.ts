// A tiny command-line option parser: `--name value` / `--name=value`, typed, with errors that name
// the option and show the usage line. (node:util parseArgs lacks integer checks and usage text.)
import { SunstoneError } from '../errors.js';

export type OptionType = 'string' | 'integer' | 'boolean';
export type OptionSpec = Readonly<Record<string, OptionType>>;
export type Options = Record<string, string | number | boolean>;

export class UsageError extends SunstoneError {
  constructor(message: string) {
    super('SUN_ERR_CLI_USAGE', message, { statusCode: 2 });
    this.name = 'UsageError';
  }
}

export function parseOptions(argv: readonly string[], spec: OptionSpec, usage: string): Options {
  const out: Options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"\n${usage}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const type = spec[name];
    if (type === undefined) throw new UsageError(`unknown option --${name}\n${usage}`);
    if (type === 'boolean') {
      out[name] = eq < 0 ? true : arg.slice(eq + 1) !== 'false';
      continue;
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value\n${usage}`);
    if (type === 'integer') {
      if (!/^-?\d+$/.test(value))
        throw new UsageError(`--${name} is "${value}"; expected an integer\n${usage}`);
      out[name] = Number(value);
    } else {
      out[name] = value;
    }
  }
  return out;
}
