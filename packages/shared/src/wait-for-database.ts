import { classifyDbError } from './db-errors.ts';
import type { Knex } from './db.ts';
import type { DatabaseConfig } from './env.ts';
import { RollcallError } from './errors.ts';
import type { Logger } from './log.ts';
import { sessionIdentity, type SessionIdentity } from './privileges.ts';

/**
 * Waits until the server answers, retrying transient failures with capped exponential
 * backoff and one log line per attempt, for at most `config.waitTimeoutS`. The question is
 * the one the privilege check asks first (who the server takes the session for), so its
 * answer is returned for requirePrivileges rather than asked again.
 */
export async function waitForDatabase(
  db: Knex,
  config: DatabaseConfig,
  log: Logger,
  signal?: AbortSignal,
): Promise<SessionIdentity> {
  const deadline = Date.now() + config.waitTimeoutS * 1000;
  let delayMs = 250;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      const identity = await beforeDeadline(sessionIdentity(db), deadline);
      if (attempt > 1) log.info({ attempt }, 'database is ready');
      return identity;
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'UNKNOWN';
      const kind = classifyDbError(err);
      if (kind === 'access-denied') {
        throw new RollcallError(
          'DB_ACCESS_DENIED',
          `Database ${config.host}:${config.port} refused user '${config.user}' for database '${config.database}' (${code})`,
          { host: config.host, port: config.port },
          { cause: err },
        );
      }
      if (code === 'ER_BAD_DB_ERROR') {
        throw new RollcallError(
          'DB_UNAVAILABLE',
          `Database '${config.database}' does not exist on ${config.host}:${config.port}; create it first`,
          { host: config.host, port: config.port },
          { cause: err },
        );
      }
      // MySQL answers 1045/1049 only once it runs; during the official image's init phase it
      // refuses TCP, so those are real configuration problems, not start-up noise. A Galera
      // node outside the primary component answers 1047 until it rejoins: worth waiting for.
      if (kind !== 'unavailable' && kind !== 'lost' && kind !== 'transient-cluster') {
        throw new RollcallError(
          'DB_UNAVAILABLE',
          `Cannot use database ${config.host}:${config.port}: ${(err as Error).message}`,
          { host: config.host, port: config.port },
          { cause: err },
        );
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
      log.warn(
        { attempt, code, host: config.host, port: config.port, retryInMs: waitMs },
        'database not ready, retrying',
      );
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
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
