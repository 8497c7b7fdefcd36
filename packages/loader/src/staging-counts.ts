import { isGaleraNode, RollcallError, type Knex } from '@rollcall/shared';

/** A staging table and the rows the stream sent into it. */
export interface StagedTable {
  table: string;
  file: string;
  loaded: number;
  /** A column whose sum the server must hold too: people_counts_next's counts add up to the people sent. */
  sum?: { column: string; expected: number };
}

/**
 * `loaded + rejected + duplicates = read` holds by construction of the stream's counters;
 * what it cannot see is the server keeping other rows than it was sent: a trigger adding
 * rows, an engine or an index dropping them. So before the swap, once every chunk of the
 * load is committed, the staging tables are counted and a difference refuses the swap. people_counts_next is also
 * summed: its counts must add up to the people sent, which people_next was just counted to
 * hold. (Checking each count against people_next would take a GROUP BY over every person,
 * the very scan the counts table saves the reader.)
 */
export async function refuseIfStagingDiffers(
  trx: Knex | Knex.Transaction,
  staged: readonly StagedTable[],
): Promise<void> {
  // All counted in one statement: one round trip, whatever the number of tables. A sum rides
  // along as a subquery of its own (a table of a few thousand rows).
  const bindings: string[] = [];
  const columns = staged.map(({ table, sum }, i) => {
    bindings.push(table);
    if (!sum) return `(SELECT COUNT(*) FROM ??) AS n${i}`;
    bindings.push(sum.column, table);
    return `(SELECT COUNT(*) FROM ??) AS n${i}, (SELECT COALESCE(SUM(??), 0) FROM ??) AS s${i}`;
  });
  const [[counts]] = (await trx.raw(`SELECT ${columns.join(', ')}`, bindings)) as [Record<string, number | string>[]];
  for (const [i, { table, file, loaded, sum }] of staged.entries()) {
    const held = Number(counts![`n${i}`]);
    if (held !== loaded) {
      if (await onGaleraNode(trx)) {
        throw new RollcallError(
          'LOAD_MISMATCH',
          `${file}: the server holds ${held} rows in ${table} but the loader sent ${loaded}: ` +
            'the Galera cluster lost rows of a committed chunk (a node left during the load?).',
          { file, table, held, loaded, cluster: true },
        );
      }
      throw mismatch({ file, table, held, loaded, what: 'rows' });
    }
    // The rows all came, but their counts changed on the way (a trigger rewriting them?).
    const total = Number(counts![`s${i}`]);
    if (sum && total !== sum.expected) {
      throw mismatch({ file, table, held: total, loaded: sum.expected, what: `${sum.column} counted` });
    }
  }
}

function mismatch(found: { file: string; table: string; held: number; loaded: number; what: string }): RollcallError {
  const { file, table, held, loaded, what } = found;
  return new RollcallError(
    'LOAD_MISMATCH',
    `${file}: the server holds ${held} ${what} in ${table} but the loader sent ${loaded}; ` +
      'something on the server adds or drops rows (a trigger, the table engine, an index?). ' +
      'Load refused, the previous data is unchanged.',
    { file, table, held, loaded, ...(what === 'rows' ? {} : { counted: what }) },
  );
}

/**
 * Seen on a 3-node Galera cluster when a node was killed mid-load: a chunk the server had
 * acknowledged as committed was missing at the count. Such a mismatch is the cluster's, and
 * the load starts over like any transaction the cluster rolled back (cluster-retry.ts).
 */
async function onGaleraNode(db: Knex | Knex.Transaction): Promise<boolean> {
  return isGaleraNode(async (sql) => (await db.raw(sql))[0]);
}
