import { RollcallError, type Knex } from '@rollcall/shared';

export interface LoadLock {
  release(): Promise<void>;
}

/**
 * One load per database at a time. GET_LOCK names are server-wide, so the name carries
 * the database (hashed to stay within the 64-character limit); the pure-SQL loader
 * takes the same lock. The lock lives on a connection of its own, held by an otherwise
 * empty transaction, and goes away with that connection if the process dies.
 */
export async function acquireLoadLock(db: Knex, database: string): Promise<LoadLock> {
  const trx = await db.transaction();
  try {
    const [[row]] = await trx.raw("SELECT GET_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE())), 0) AS got, CONNECTION_ID() AS me");
    if (row.got !== 1) {
      const [[holder]] = await trx.raw("SELECT IS_USED_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE()))) AS id");
      throw new RollcallError(
        'LOAD_LOCKED',
        `Another load into database '${database}' is running (server connection ${holder.id ?? 'unknown'}); wait for it to finish and run again`,
        { database, holder: holder.id },
      );
    }
  } catch (err) {
    await trx.rollback().catch(() => undefined);
    throw err;
  }
  return {
    async release() {
      await trx.raw("SELECT RELEASE_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE())))").catch(() => undefined);
      await trx.commit().catch(() => undefined);
    },
  };
}
