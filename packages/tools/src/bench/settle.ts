import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from '@rollcall/shared';

const MAX_WAIT_MS = 30_000;
const POLL_MS = 250;

/**
 * Waits (at most 30 s) while InnoDB writes back the pages the previous step dirtied, so
 * the next step does not pay for its predecessor's flushing. Returns the seconds waited.
 * MariaDB flushes lazily (innodb_max_dirty_pages_pct_lwm=0 leaves some pages dirty for
 * good), so the wait also ends as soon as the count stops falling.
 */
export async function settle(db: Knex, signal?: AbortSignal): Promise<number> {
  const started = performance.now();
  let previous: number | undefined;
  while (performance.now() - started < MAX_WAIT_MS) {
    const [rows] = (await db.raw(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')",
    )) as [Array<{ Variable_name: string; Value: string }>];
    const value = (name: string) => Number(rows.find((row) => row.Variable_name === name)?.Value ?? 0);
    const dirty = value('Innodb_buffer_pool_pages_dirty');
    if (isSettled(dirty, value('Innodb_buffer_pool_pages_total'), previous)) break;
    previous = dirty;
    await sleep(POLL_MS, undefined, { signal });
  }
  return (performance.now() - started) / 1000;
}

/** Settled: at most 1% of the buffer pool dirty, or no fewer dirty pages than at the last look. */
export function isSettled(dirtyPages: number, totalPages: number, previousDirtyPages?: number): boolean {
  return (
    dirtyPages <= Math.max(64, totalPages * 0.01) ||
    (previousDirtyPages !== undefined && dirtyPages >= previousDirtyPages)
  );
}
