// Errors of the command line and the process supervision (cluster primary). Their messages reach the
// operator's terminal or journal: they say what is wrong and what to do.
import { SunstoneError } from '../errors.js';

/** The configuration would not let a worker start (checked before forking, and before a reload). */
export class PreflightError extends SunstoneError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('SUN_ERR_CLI_PREFLIGHT', problems.join('\n'));
    this.name = 'PreflightError';
    this.problems = problems;
  }
}

/** Workers keep dying soon after they start: the primary stops instead of forking forever. */
export class CrashLoopError extends SunstoneError {
  constructor(slot: number, failures: number, lastReason: string) {
    super(
      'SUN_ERR_CLI_CRASH_LOOP',
      `worker ${slot + 1} died ${failures} times in a row soon after starting (last: ${lastReason}); ` +
        'giving up: fix the cause above, then start sunstone-server again',
    );
    this.name = 'CrashLoopError';
  }
}
