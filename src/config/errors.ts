// Errors of the configuration layer. Every problem found while loading is collected first, so an
// operator fixes them all in one go instead of one restart per mistake.
import { SunstoneError } from '../errors.js';

export const CONFIG_ERROR_CODES = {
  /** The file has syntax errors, or keys with wrong types or values (problems lists each). */
  invalid: 'SUN_ERR_CONFIG_INVALID',
  /** The file named by --config does not exist, or a configuration file cannot be read. */
  unreadable: 'SUN_ERR_CONFIG_UNREADABLE',
} as const;

export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[keyof typeof CONFIG_ERROR_CODES];

export class ConfigError extends SunstoneError {
  /** One line per problem, each naming file:line, the key, the bad value and what is accepted. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], code: ConfigErrorCode = CONFIG_ERROR_CODES.invalid) {
    super(code, problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
  }
}
