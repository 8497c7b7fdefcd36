import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { classifyDbError, RollcallError, type Knex, type Logger } from '@rollcall/shared';

export interface LoadLock {
  /** Throws LOAD_LOCKED when the lease ran out and another loader may have taken the lock. */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

/** How long a lock outlives a loader that stopped renewing it (killed, or cut off). */
export const LOCK_LEASE_S = 30;

/**
 * The lock table is created here, not with the schema: the schema is applied under this lock,
 * so the lock must exist first. One row per database; `expires_at` is the lease, on the server's
 * clock (the nodes of a cluster keep theirs in step with NTP, far closer than the lease).
 */
const CREATE_LOCK_TABLE = `CREATE TABLE IF NOT EXISTS load_lock (
  name VARCHAR(32) NOT NULL,
  holder VARCHAR(200) NOT NULL,
  server VARCHAR(300) NOT NULL,
  acquired_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

const GET_LOCK_NAME = "CONCAT('rollcall.load.', SHA1(DATABASE()))";

/** Which server (node) the session is on: the nodes of a cluster differ in host name or port. */
const SERVER = "CONCAT(@@hostname, ':', @@port)";

/**
 * One load per database at a time, on one server as on a cluster. Two locks:
 * - GET_LOCK, on a connection of its own, held by an otherwise empty transaction: gone with
 *   the connection if the process dies. The pure-SQL loader takes the same one. GET_LOCK is
 *   local to one server, so on a multi-primary cluster (Galera) two nodes grant it at once;
 * - hence a row in load_lock, taken and committed, which every node sees: a lease that this
 *   loader renews every LOCK_LEASE_S / 3 and that expires LOCK_LEASE_S after a loader died.
 * A live row taken through this same server is taken over at once: holding GET_LOCK here
 * proves that its loader is gone, so on one server a re-run after a crash need not wait.
 */
export async function acquireLoadLock(
  db: Knex,
  database: string,
  log: Logger,
  leaseS = LOCK_LEASE_S,
): Promise<LoadLock> {
  const local = await takeServerLock(db, database);
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Created by the first load into a database, not tried again by every later one.
    await takeLockRow(db, database, holder, leaseS, log).catch(async (err: unknown) => {
      if ((err as { code?: string }).code !== 'ER_NO_SUCH_TABLE') throw err;
      await db.raw(CREATE_LOCK_TABLE);
      await takeLockRow(db, database, holder, leaseS, log);
    });
  } catch (err) {
    await local.release();
    throw err;
  }
  const renew = async (): Promise<boolean> => {
    const affected = await db('load_lock')
      .where({ name: 'load', holder })
      .update({ expires_at: db.raw('UTC_TIMESTAMP(3) + INTERVAL ? SECOND', [leaseS]) });
    return affected === 1;
  };
  timer = setInterval(
    () => {
      renew().then(
        (held) =>
          held ||
          log.error({ holder }, 'the load lock was taken over: its lease ran out before this loader renewed it'),
        (err: unknown) =>
          log.warn({ err: (err as Error).message }, 'could not renew the load lock lease; trying again'),
      );
    },
    (leaseS * 1000) / 3,
  );
  timer.unref();
  return {
    async assertHeld() {
      if (await renew()) return;
      throw new RollcallError(
        'LOAD_LOCKED',
        `This loader lost the load lock on database '${database}' (its ${leaseS} s lease ran out, another loader may have taken it); ` +
          'the previous data is unchanged, run the load again',
        { database },
      );
    },
    async release() {
      clearInterval(timer);
      await db('load_lock')
        .where({ name: 'load', holder })
        .delete()
        .catch(() => undefined);
      await local.release();
    },
  };
}

/**
 * Reads the row under FOR UPDATE and takes it when absent or expired. Two loaders at once
 * collide: on one server one waits for the other's row lock or deadlocks (1213); on Galera the
 * second commit fails certification (1213 too). Either way the next attempt sees a live row.
 */
async function takeLockRow(db: Knex, database: string, holder: string, leaseS: number, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (trx) => {
        const [[row]] = await trx.raw(
          `SELECT holder, expires_at, expires_at > UTC_TIMESTAMP(3) AS live, server = ${SERVER} AS here FROM load_lock WHERE name = 'load' FOR UPDATE`,
        );
        if (row?.live === 1 && row.here !== 1) throw lockedBy(database, row.holder, row.expires_at);
        if (row?.live === 1)
          log.warn({ holder: row.holder }, 'took over the load lock of a loader on this server that died');
        const lease = {
          holder,
          server: trx.raw(SERVER),
          acquired_at: trx.raw('UTC_TIMESTAMP(3)'),
          expires_at: trx.raw('UTC_TIMESTAMP(3) + INTERVAL ? SECOND', [leaseS]),
        };
        if (row) await trx('load_lock').where({ name: 'load' }).update(lease);
        else await trx('load_lock').insert({ name: 'load', ...lease });
      });
      return;
    } catch (err) {
      const collided =
        classifyDbError(err) === 'transient-cluster' || (err as { code?: string }).code === 'ER_DUP_ENTRY';
      if (!collided) throw err;
      if (attempt >= 5) throw lockedBy(database, 'another loader (taking it at the same moment)', undefined, err);
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function lockedBy(database: string, holder: string, expiresAt: string | undefined, cause?: unknown): RollcallError {
  return new RollcallError(
    'LOAD_LOCKED',
    `Another load into database '${database}' is running (held by ${holder}${expiresAt ? `, lease until ${expiresAt} UTC` : ''}); wait for it to finish and run again`,
    { database, holder },
    cause === undefined ? undefined : { cause },
  );
}

/** The server-local GET_LOCK, shared with the pure-SQL loader. */
async function takeServerLock(db: Knex, database: string): Promise<{ release(): Promise<void> }> {
  const trx = await db.transaction();
  try {
    const [[row]] = await trx.raw(`SELECT GET_LOCK(${GET_LOCK_NAME}, 0) AS got`);
    if (row.got !== 1) {
      const [[holder]] = await trx.raw(`SELECT IS_USED_LOCK(${GET_LOCK_NAME}) AS id`);
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
      await trx.raw(`SELECT RELEASE_LOCK(${GET_LOCK_NAME})`).catch(() => undefined);
      await trx.commit().catch(() => undefined);
    },
  };
}
