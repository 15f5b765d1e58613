// The process logger: pino at the level of `:log: :level:` (0 ERROR, 1 WARN, 2 INFO, 3 DEBUG,
// reference sunstone-server.md §10). Lines go to stdout, which systemd sends to the journal.
import { pino, type Logger } from 'pino';
import type { SunstoneConfig } from '../config/types.js';

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export function createLogger(config: Pick<SunstoneConfig, 'log'>, name = 'sunstone-server'): Logger {
  const level = LEVELS[Math.max(0, Math.min(3, config.log.level))] ?? 'info';
  return pino({ name, level });
}
