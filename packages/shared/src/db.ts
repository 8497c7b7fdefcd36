import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from './env.ts';
import type { Logger } from './log.ts';
import { preferredTls, sslOptions } from './tls-options.ts';

export type { Knex };

/**
 * A knex instance on mysql2. DATE columns come back as 'YYYY-MM-DD' strings: converting
 * them to JS Dates would shift them by the client's time zone.
 */
export function createDb(config: DatabaseConfig, options: { poolMax?: number; log?: Logger } = {}): Knex {
  const connection = {
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
  };
  return knexFactory({
    client: 'mysql2',
    connection: config.sslMode === 'preferred' && !config.sslCa ? preferredTls(connection) : connection,
    // knex asks `select version()` on its first connection unless told one: in knex 3.3 the
    // answer gates one schema-builder method (dropUniqueIfExists on MariaDB) that rollcall does not
    // use. 'latest' is knex's own word for "assume the newest server", said without a warning.
    version: 'latest',
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
