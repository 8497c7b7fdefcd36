import { isGaleraNode, RollcallError, type Knex } from '@rollcall/shared';

/** A staging table and the rows the stream sent into it. */
export interface StagedTable {
  table: string;
  file: string;
  loaded: number;
}

/**
 * `loaded + rejected + duplicates = read` holds by construction of the stream's counters;
 * what it cannot see is the server keeping other rows than it was sent: a trigger adding
 * rows, an engine or an index (copied by CREATE TABLE … LIKE) dropping them. So before the
 * swap the staging tables are counted in the load's own transaction (its uncommitted rows
 * are visible only there) and a difference refuses the swap.
 */
export async function refuseIfStagingDiffers(
  trx: Knex | Knex.Transaction,
  staged: readonly StagedTable[],
): Promise<void> {
  // All counted in one statement: one round trip, whatever the number of tables.
  const [[counts]] = (await trx.raw(
    `SELECT ${staged.map((_, i) => `(SELECT COUNT(*) FROM ??) AS n${i}`).join(', ')}`,
    staged.map(({ table }) => table),
  )) as [Record<string, number | string>[]];
  for (const [i, { table, file, loaded }] of staged.entries()) {
    const held = Number(counts![`n${i}`]);
    if (held === loaded) continue;
    if (await onGaleraNode(trx)) {
      throw new RollcallError(
        'LOAD_MISMATCH',
        `${file}: the server holds ${held} rows in ${table} but the loader sent ${loaded}: ` +
          'the Galera cluster lost rows of a committed chunk (a node left during the load?).',
        { file, table, held, loaded, cluster: true },
      );
    }
    throw new RollcallError(
      'LOAD_MISMATCH',
      `${file}: the server holds ${held} rows in ${table} but the loader sent ${loaded}; ` +
        'something on the server adds or drops rows (a trigger, the table engine, an index?). ' +
        'Load refused, the previous data is unchanged.',
      { file, table, held, loaded },
    );
  }
}

/**
 * Seen on a 3-node Galera cluster when a node was killed mid-load: a chunk the server had
 * acknowledged as committed was missing at the count. Such a mismatch is the cluster's, and
 * the load starts over like any transaction the cluster rolled back (cluster-retry.ts).
 */
async function onGaleraNode(db: Knex | Knex.Transaction): Promise<boolean> {
  return isGaleraNode(async (sql) => (await db.raw(sql))[0]);
}
