import { setTimeout as sleep } from 'node:timers/promises';
import { classifyDbError, RollcallError, type Logger } from '@rollcall/shared';

/**
 * Waits before each new attempt. A Galera cluster that lost a node forms its primary
 * component again after the failure detector's timeouts (evs.suspect_timeout, 5 s by default),
 * so the attempts span about 17 s.
 */
export const CLUSTER_RETRY_DELAYS_MS = [2_000, 5_000, 10_000];

/**
 * Runs `work` again when the database rolled it back for a reason of the cluster (a
 * certification conflict, a node outside the primary component: classifyDbError's
 * 'transient-cluster'), a bounded number of times with a log line each; past that, or for
 * any other failure, it throws. Only for work that starts over from nothing: the load before
 * its swap clears and refills the staging tables.
 */
export async function retryOnClusterConflict<T>(
  work: (attempt: number) => Promise<T>,
  options: { log: Logger; signal?: AbortSignal; what: string; delaysMs?: readonly number[] },
): Promise<T> {
  const delays = options.delaysMs ?? CLUSTER_RETRY_DELAYS_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (err) {
      if (!isClusterTransient(err)) throw err;
      const { code, errno, message } = err as { code?: string; errno?: number; message?: string };
      const delayMs = delays[attempt - 1];
      if (delayMs === undefined) {
        throw new RollcallError(
          'DB_TRANSIENT',
          `The database rolled the ${options.what} back ${attempt} times for a reason of the cluster (${code ?? errno}: ${message}); ` +
            'the previous data is unchanged, run it again once the cluster is healthy',
          { attempts: attempt },
          { cause: err },
        );
      }
      options.log.warn(
        { attempt, code, errno, reason: message, retryInMs: delayMs },
        `the database rolled the ${options.what} back (cluster, transient): starting it again`,
      );
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined).catch(
        (abort: unknown) => {
          // Interrupted while waiting: the job's own INTERRUPTED error, not the timer's AbortError.
          options.signal?.throwIfAborted();
          throw abort;
        },
      );
    }
  }
}

/**
 * What the cluster rolled back or lost: the server's transient errors, and a staging count
 * that came out short on a Galera node (LOAD_MISMATCH marked `cluster` by staging-counts.ts).
 * Any other RollcallError is final.
 */
function isClusterTransient(err: unknown): boolean {
  if (err instanceof RollcallError) return err.code === 'LOAD_MISMATCH' && err.context.cluster === true;
  return classifyDbError(err) === 'transient-cluster';
}
