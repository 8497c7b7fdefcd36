import {
  createPeopleCountsTable,
  createPeopleTable,
  createPlacesTable,
  RollcallError,
  type Knex,
} from '@rollcall/shared';

/**
 * A load writes into places_next/people_next/people_counts_next, invisible to readers, and
 * swaps them in with one RENAME TABLE, which MySQL and MariaDB perform atomically: a reader
 * sees the old snapshot or the new one, never a mix (never people of one load with the
 * counts of another). Children are dropped before parents (FK).
 */
/** The tables a load swaps, children before parents: the order they are dropped in. */
const SWAPPED = ['people_counts', 'people', 'places'];
const STAGING = SWAPPED.map((table) => `${table}_next`);
const PREVIOUS = SWAPPED.map((table) => `${table}_old`);
/** Every table a load creates, swaps in and drops, under any of its names. */
export const LOAD_TABLES: readonly string[] = [...SWAPPED, ...STAGING, ...PREVIOUS];

export async function prepareStaging(db: Knex): Promise<void> {
  // Left only by a load that died before cleaning up. A DROP TABLE IF EXISTS costs as much
  // when none of them exists (≈ 2 ms on this idle server: the data dictionary is written
  // and synced), so the server is asked first; the lock holder alone creates these tables.
  const leftovers = await existingTables(db, [...STAGING, ...PREVIOUS]);
  if (leftovers.length > 0) await dropTables(db, leftovers);
  // From the current definition, not LIKE the live tables: the swap must leave the schema
  // the migrations made, whatever an older release or a person left in the live tables.
  await db.raw(createPlacesTable('places_next'));
  await db.raw(createPeopleTable('people_next', 'places_next'));
  await db.raw(createPeopleCountsTable('people_counts_next', 'places_next'));
}

/**
 * `waitS` bounds how long the swap waits for sessions still using the tables (a long
 * report, or a client left with an open transaction). The server's default is a year;
 * past `waitS` the load fails with a clear message instead, and the previous data stays.
 */
export async function swapIn(db: Knex, waitS: number): Promise<void> {
  await db.transaction(async (session) => {
    // One connection for both statements: the timeout is a session setting.
    await session.raw('SET SESSION lock_wait_timeout = ?', [waitS]);
    try {
      await session.raw(
        'RENAME TABLE places TO places_old, places_next TO places, people TO people_old, people_next TO people, ' +
          'people_counts TO people_counts_old, people_counts_next TO people_counts',
      );
    } catch (err) {
      if ((err as { code?: string }).code !== 'ER_LOCK_WAIT_TIMEOUT') throw err;
      throw new RollcallError(
        'SWAP_TIMEOUT',
        `Could not swap the new data in: other sessions kept using the tables for ${waitS} s (SWAP_WAIT_TIMEOUT_S) ` +
          '(a long report, or a client holding a transaction open). The previous data is unchanged; run the load again.',
        {},
        { cause: err },
      );
    } finally {
      await session.raw('SET SESSION lock_wait_timeout = DEFAULT');
    }
  });
}

/** The previous dataset, renamed aside by the swap. */
export async function dropPrevious(db: Knex): Promise<void> {
  await dropTables(db, PREVIOUS);
}

export async function dropStaging(db: Knex): Promise<void> {
  await dropTables(db, STAGING);
}

/** Those of `tables` that exist in the current database, in the order given. */
async function existingTables(db: Knex, tables: string[]): Promise<string[]> {
  const [rows] = (await db.raw(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (${tables.map(() => '?').join(', ')})`,
    tables,
  )) as [{ name: string }[]];
  const found = new Set(rows.map((row) => row.name));
  return tables.filter((table) => found.has(table));
}

/**
 * One statement for all of them: each DROP costs the server a data-dictionary round of its
 * own (25-70 ms apiece on a busy 2-core machine), even for a table that does not exist.
 * Children come before their parents: MariaDB drops in the order given and refuses a
 * parent whose child is still there; MySQL 8 accepts any order within one statement.
 */
async function dropTables(db: Knex, tables: string[]): Promise<void> {
  await db.raw(`DROP TABLE IF EXISTS ${tables.map(() => '??').join(', ')}`, tables);
}
