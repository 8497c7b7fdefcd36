/**
 * Every failure a person should understand is a RollcallError: a stable code that tests
 * and exit codes key on, a message written for the person running the job, and the
 * context (file, line, host…) that locates the problem.
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'USAGE',
  'DB_UNAVAILABLE',
  'DB_ACCESS_DENIED',
  'DB_LOST',
  'DB_TRANSIENT',
  'INPUT_MISSING',
  'INPUT_EMPTY',
  'BAD_HEADER',
  'BAD_CSV',
  'REJECT_LIMIT',
  'LOAD_LOCKED',
  'SWAP_TIMEOUT',
  'REFERENCED_FROM_OUTSIDE',
  'LOAD_MISMATCH',
  'NOTHING_TO_REPORT',
  'UNKNOWN_REPORT',
  'SCHEMA_TOO_NEW',
  'SCHEMA_TOO_OLD',
  'INTERRUPTED',
  // Found at start, before the database is touched (issue 12 A).
  'INPUT_UNREADABLE',
  'INPUT_ENCODING',
  'OUTPUT_UNUSABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorContext {
  file?: string;
  line?: number;
  host?: string;
  port?: number;
  [key: string]: unknown;
}

export class RollcallError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RollcallError';
    this.code = code;
    this.context = context;
  }
}

export function isRollcallError(err: unknown, code?: ErrorCode): err is RollcallError {
  return err instanceof RollcallError && (code === undefined || err.code === code);
}

/**
 * The one place where failures become exit codes; docs/failure-behaviour.md's exit-code table mirrors it.
 * Signals follow the shell convention 128 + signal number.
 */
export const EXIT_CODES = {
  OK: 0,
  INTERNAL: 1,
  CONFIG_INVALID: 2,
  USAGE: 2,
  UNKNOWN_REPORT: 2,
  DB_UNAVAILABLE: 3,
  DB_ACCESS_DENIED: 3,
  DB_LOST: 3,
  DB_TRANSIENT: 3,
  INPUT_MISSING: 4,
  INPUT_EMPTY: 4,
  BAD_HEADER: 4,
  BAD_CSV: 4,
  REJECT_LIMIT: 5,
  LOAD_LOCKED: 6,
  SWAP_TIMEOUT: 6,
  // Another table's foreign key points at rollcall's tables: the swap by RENAME would carry it
  // to the previous data. The database's design, so refused before any work.
  REFERENCED_FROM_OUTSIDE: 6,
  NOTHING_TO_REPORT: 7,
  // The server holds other rows than the loader sent (a trigger, an engine or an index that
  // drops or adds rows): not a bug of ours, not the user's files either.
  LOAD_MISMATCH: 8,
  // The database was migrated by a newer loader than this job knows: upgrade the job.
  SCHEMA_TOO_NEW: 9,
  // Reader: the database's schema is older than it reads; the loader's next run upgrades it.
  SCHEMA_TOO_OLD: 9,
  INPUT_UNREADABLE: 4,
  INPUT_ENCODING: 4,
  // REPORTS_DIR or rejects/ cannot be created or written: the machine's, not the data's.
  OUTPUT_UNUSABLE: 10,
  SIGINT: 130,
  SIGTERM: 143,
} as const satisfies Record<Exclude<ErrorCode, 'INTERRUPTED'> | 'OK' | 'INTERNAL' | 'SIGINT' | 'SIGTERM', number>;

export function exitCodeFor(err: unknown): number {
  if (err instanceof RollcallError) {
    if (err.code === 'INTERRUPTED') {
      return err.context.signal === 'SIGINT' ? EXIT_CODES.SIGINT : EXIT_CODES.SIGTERM;
    }
    return EXIT_CODES[err.code];
  }
  return EXIT_CODES.INTERNAL;
}
