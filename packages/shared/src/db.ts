import { readFileSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from './env.ts';
import { RollcallError } from './errors.ts';
import type { Logger } from './log.ts';

export type { Knex };

/**
 * A knex instance on mysql2. DATE columns come back as 'YYYY-MM-DD' strings: converting
 * them to JS Dates would shift them by the client's time zone.
 */
export function createDb(config: DatabaseConfig, options: { poolMax?: number; log?: Logger } = {}): Knex {
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.database,
      charset: 'utf8mb4',
      dateStrings: true,
      supportBigNumbers: true,
      timezone: 'Z',
      connectTimeout: 10_000,
      ...sslOptions(config),
    },
    pool: { min: 0, max: options.poolMax ?? 4 },
    acquireConnectionTimeout: 30_000,
    ...(options.log ? { log: knexLog(options.log) } : {}),
  });
}

/**
 * knex prints its own messages with console.log, a failed connection as a multi-line
 * "Acquire connection error" with its stack, which breaks the JSON lines on stdout. They
 * go to the job's logger instead; connection failures at debug, as the caller receives
 * the same error and logs it once (waitForDatabase: one line per attempt).
 */
function knexLog(log: Logger): Knex.Logger {
  const source = { source: 'knex' };
  return {
    warn: (message) => {
      const text = String(message);
      if (/^(Acquire connection error|Connection Error)/.test(text)) log.debug(source, text);
      else log.warn(source, text);
    },
    error: (message) => log.error(source, String(message)),
    debug: (message) => log.debug(source, String(message)),
    // knex hands the finished message to a user function.
    deprecate: (message) => log.warn(source, String(message)),
  };
}

function sslOptions(config: DatabaseConfig): { ssl?: { ca?: string; rejectUnauthorized: boolean; verifyIdentity?: boolean } } {
  switch (config.sslMode) {
    case 'disabled':
    case 'preferred':
      // mysql2 has no opportunistic TLS: 'preferred' behaves as plain unless a CA is given.
      return config.sslCa ? { ssl: { ca: readCa(config.sslCa), rejectUnauthorized: false } } : {};
    case 'required':
      return { ssl: { ...(config.sslCa ? { ca: readCa(config.sslCa) } : {}), rejectUnauthorized: false } };
    case 'verify_ca':
    case 'verify_identity':
      if (!config.sslCa) {
        throw new RollcallError('CONFIG_INVALID', `Invalid configuration:\n  MYSQL_SSL_CA: required when MYSQL_SSL_MODE=${config.sslMode}`);
      }
      // rejectUnauthorized checks the chain only; mysql2 compares the certificate with the
      // host name only when asked (verifyIdentity). Given an IP address, mysql2 checks the
      // name 'localhost' instead, so verify_identity wants MYSQL_HOST as a host name.
      return { ssl: { ca: readCa(config.sslCa), rejectUnauthorized: true, verifyIdentity: config.sslMode === 'verify_identity' } };
  }
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new RollcallError('CONFIG_INVALID', `Invalid configuration:\n  MYSQL_SSL_CA: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Errors that mean "not there yet": worth another try while the server starts. */
const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  // MySQL answers 1045/1049 only once it runs; during the official image's init phase it
  // refuses TCP, so these are real configuration problems, not start-up noise.
]);

export function isTransientDbError(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code !== undefined && TRANSIENT.has(code);
}

/**
 * Waits until the server answers `SELECT 1`, retrying transient failures with capped
 * exponential backoff and one log line per attempt, for at most `config.waitTimeoutS`.
 */
export async function waitForDatabase(
  db: Knex,
  config: DatabaseConfig,
  log: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + config.waitTimeoutS * 1000;
  let delayMs = 250;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      await beforeDeadline(db.raw('SELECT 1'), deadline);
      if (attempt > 1) log.info({ attempt }, 'database is ready');
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'UNKNOWN';
      if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR') {
        throw new RollcallError('DB_ACCESS_DENIED', `Database ${config.host}:${config.port} refused user '${config.user}' for database '${config.database}' (${code})`, { host: config.host, port: config.port }, { cause: err });
      }
      if (code === 'ER_BAD_DB_ERROR') {
        throw new RollcallError('DB_UNAVAILABLE', `Database '${config.database}' does not exist on ${config.host}:${config.port}; create it first`, { host: config.host, port: config.port }, { cause: err });
      }
      if (!isTransientDbError(err)) {
        throw new RollcallError('DB_UNAVAILABLE', `Cannot use database ${config.host}:${config.port}: ${(err as Error).message}`, { host: config.host, port: config.port }, { cause: err });
      }
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) {
        throw new RollcallError(
          'DB_UNAVAILABLE',
          `Database ${config.host}:${config.port} not reachable after ${config.waitTimeoutS} s (last error: ${code})`,
          { host: config.host, port: config.port },
          { cause: err },
        );
      }
      const waitMs = Math.min(delayMs, remainingMs);
      log.warn({ attempt, code, host: config.host, port: config.port, retryInMs: waitMs }, 'database not ready, retrying');
      await sleep(waitMs, signal);
      delayMs = Math.min(delayMs * 2, 5_000);
    }
  }
}

/**
 * A server that accepts TCP but never sends its handshake (hung, or still starting behind
 * a port forwarder) holds an attempt for mysql2's connectTimeout (10 s): cut it at the
 * deadline, as a transient ETIMEDOUT, so the wait never outlasts DB_WAIT_TIMEOUT_S by more
 * than the 1 s that an attempt started just before the deadline still gets.
 */
function beforeDeadline<T>(attempt: PromiseLike<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('no answer before the wait timeout'), { code: 'ETIMEDOUT' })),
      Math.max(deadline - Date.now(), 1_000),
    );
  });
  return Promise.race([attempt, expired]).finally(() => clearTimeout(timer));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
