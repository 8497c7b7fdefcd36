import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

export type { Logger };

/** Any key by these names is replaced by [redacted] before a line is written. */
const REDACT = ['password', '*.password', '*.*.password', 'MYSQL_PASSWORD', '*.MYSQL_PASSWORD'];

/**
 * JSON lines when stdout is not a terminal (containers, CI, pipes); readable lines in a
 * terminal. Writes are synchronous so that the last lines before process exit are
 * never lost (see pino's docs/asynchronous.md); the jobs log a few lines a second at most.
 */
export function createLogger(options: {
  level: string;
  job: string;
  pretty?: boolean;
  /** Where lines go instead of stdout (tests capture them). */
  destination?: DestinationStream;
}): Logger {
  const base = { level: options.level, base: { job: options.job }, redact: { paths: REDACT, censor: '[redacted]' } };
  if (options.destination) return pino(base, options.destination);
  const usePretty = options.pretty ?? process.stdout.isTTY === true;
  if (usePretty) {
    // Loaded only for a terminal: jobs in containers and CI never pay for it at start-up.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    return pino(base, pretty({ sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' }));
  }
  return pino(base, pino.destination({ dest: 1, sync: true }));
}
