import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { currentSchemaTables, type Knex } from '@rollcall/shared';
import { dataset, PLACES_CSV, type Dataset } from './datasets.ts';
import { writeLongPeopleCsv } from './long-rows.ts';

/**
 * A dataset big enough that a load of it is still writing people a few seconds in
 * (≈ 40 MB, 130k rows of ≈ 300 bytes), for tests that interrupt a load mid-write.
 */
export async function longDataset(bytes = 40 << 20): Promise<Dataset & { rows: number; remove(): Promise<void> }> {
  const data = dataset(undefined, undefined);
  writeFileSync(join(data.dir, 'places.csv'), PLACES_CSV);
  const { rows } = await writeLongPeopleCsv(join(data.dir, 'people.csv'), { bytes });
  return { ...data, rows, remove: () => rm(data.dir, { recursive: true, force: true }) };
}

/** Tables of the database besides the schema's own: staging (_next) or swapped-out (_old) leftovers. */
export async function leftoverTables(db: Knex): Promise<string[]> {
  const own = [
    ...currentSchemaTables().map((table) => table.name),
    'knex_migrations',
    'knex_migrations_lock',
    'load_lock',
  ];
  const [rows] = await db.raw(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()
     AND table_name NOT IN (${own.map(() => '?').join(', ')}) ORDER BY 1`,
    own,
  );
  return (rows as { name: string }[]).map((row) => row.name);
}

/** Whether the load lock is free: a loader that ended, however, must not hold it. */
export async function loadLockIsFree(db: Knex): Promise<boolean> {
  const [[row]] = await db.raw("SELECT IS_FREE_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE()))) AS free");
  // A lease taken through this server is the next loader's to take over (see load-lock.ts).
  const [[lease]] = await db.raw(
    "SELECT COUNT(*) AS held FROM load_lock WHERE name = 'load' AND expires_at > UTC_TIMESTAMP(3) AND server <> CONCAT(@@hostname, ':', @@port)",
  );
  return row.free === 1 && lease.held === 0;
}

/** A log line saying the loader got past places.csv: the people rows are being written now. */
export const writingPeople = (line: { msg: string }) => line.msg === 'places loaded into staging';

/**
 * Resolves once the server is seen writing people into staging in this database: a LOAD
 * DATA or INSERT into people_next running, or a transaction that has written `rows` rows.
 * (Both are needed: when InnoDB bulk-loads an empty table it counts the rows as one.) The
 * load is then mid-write, whatever the machine's speed.
 */
export async function peopleBeingWritten(db: Knex, rows = 10_000, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [[row]] = await db.raw(
      "SELECT EXISTS (SELECT 1 FROM information_schema.processlist WHERE db = DATABASE() AND info LIKE '%people\\_next%' " +
        "AND (info LIKE 'LOAD DATA%' OR info LIKE 'insert%')) AS writing, " +
        '(SELECT COALESCE(MAX(t.trx_rows_modified), 0) FROM information_schema.innodb_trx t ' +
        'JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id WHERE p.db = DATABASE()) AS written',
    );
    if (Number(row.writing) === 1 || Number(row.written) >= rows) return;
    if (Date.now() > deadline) throw new Error(`the server was not seen writing people within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
