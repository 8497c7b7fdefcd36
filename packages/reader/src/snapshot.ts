import type { Readable } from 'node:stream';
import { classifyDbError, isGaleraNode, RollcallError, type Knex } from '@rollcall/shared';

/** Reads that all see one consistent state of the database. */
export interface Snapshot {
  rows<T = Record<string, unknown>>(sql: string, bindings?: readonly unknown[]): Promise<T[]>;
  /** A row stream with backpressure: the server connection pauses while the consumer is full. */
  stream(sql: string): Readable;
}

/** The slice of a mysql2 connection (what knex's pool hands out) that the snapshot uses. */
interface RawConnection {
  query(sql: string, values: readonly unknown[], callback: (err: Error | null, rows: unknown) => void): unknown;
  query(sql: string): { stream(options: { highWaterMark: number }): Readable };
  destroy(): void;
  once(event: 'error', listener: (err: Error) => void): unknown;
  removeListener(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * Runs `fn` inside a read-only START TRANSACTION WITH CONSISTENT SNAPSHOT on one connection
 * taken from knex's pool, so every report of one invocation reads the same committed state
 * (a load that commits meanwhile is not seen) and the server refuses any write. knex's own
 * transaction() starts with a plain BEGIN, whose snapshot starts only at the first read, and
 * cannot hand back its connection when a stream fails; hence the connection is used directly.
 * On failure the connection is destroyed rather than rolled back: a stream cut off midway
 * leaves it paused mid-result, and closing it ends the transaction on the server anyway.
 */
export async function withReadSnapshot<T>(db: Knex, fn: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  // A loader that swaps its tables in after the snapshot began makes the first read of them
  // fail with ER_TABLE_DEF_CHANGED ("please retry transaction"): the snapshot predates the
  // new tables. On Galera the swap, replicated from another node, can abort a read with a
  // deadlock (1213) instead. A fresh snapshot sees them; `fn` has committed nothing yet.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readSnapshotOnce(db, fn);
    } catch (err) {
      if (classifyDbError(err) !== 'transient-cluster') throw err;
      if (attempt >= 3) {
        throw new RollcallError(
          'DB_TRANSIENT',
          `The database kept rolling the read back (${(err as Error).message}); run the reader again`,
          { attempts: attempt },
          { cause: err },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function readSnapshotOnce<T>(db: Knex, fn: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  const conn = (await db.client.acquireConnection()) as RawConnection;
  const query = <R>(sql: string, bindings: readonly unknown[] = []) =>
    new Promise<R>((resolve, reject) => {
      conn.query(sql, bindings, (err, rows) => (err ? reject(toRollcallError(err)) : resolve(rows as R)));
    });
  const snapshot: Snapshot = {
    rows: (sql, bindings) => query(sql, bindings),
    stream: (sql) => {
      const rows = conn.query(sql).stream({ highWaterMark: 512 });
      // A query without a callback never hears that its connection died: mysql2 emits that
      // on the connection only, and the stream would wait forever. Hand the error over.
      const lost = (err: Error) => rows.destroy(err);
      conn.once('error', lost);
      rows.once('close', () => conn.removeListener('error', lost));
      return rows;
    },
  };
  try {
    await readCausally(query);
    // SET TRANSACTION applies to the next transaction only. Read-only is set here rather than
    // in START TRANSACTION: TiDB parses one characteristic there, not two (its manual's grammar).
    await query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    const result = await fn(snapshot);
    await query('COMMIT');
    return result;
  } catch (err) {
    conn.destroy();
    throw toRollcallError(err);
  } finally {
    await db.client.releaseConnection(conn);
  }
}

/**
 * On a Galera node, a load committed through another node is certified at once but applied
 * here a moment later: a snapshot begun in between would still show the previous dataset.
 * wsrep_sync_wait=1 makes reads (START TRANSACTION included) first wait until this node has
 * applied everything the cluster had committed (MariaDB Galera manual, wsrep_sync_wait).
 * Other servers have no wsrep_on, or have it OFF: nothing to do.
 */
async function readCausally(query: <R>(sql: string) => Promise<R>): Promise<void> {
  if (await isGaleraNode(query)) await query('SET SESSION wsrep_sync_wait = 1');
}

/** Server and connection errors in the middle of reading, in the reader's error codes. */
export function toRollcallError(err: unknown): unknown {
  if (err instanceof RollcallError) return err;
  const code = (err as { code?: string }).code;
  switch (classifyDbError(err)) {
    case 'access-denied':
      return new RollcallError(
        'DB_ACCESS_DENIED',
        `The database account may not read what the reports need: ${(err as Error).message}`,
        { code },
        { cause: err },
      );
    case 'lost':
    case 'unavailable':
      return new RollcallError(
        'DB_LOST',
        `Lost the database connection while reading: ${(err as Error).message}`,
        { code },
        { cause: err },
      );
    default:
      return err;
  }
}
