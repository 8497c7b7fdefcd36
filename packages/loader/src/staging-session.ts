import type { Knex } from '@rollcall/shared';

/**
 * The staging load, committed in chunks of `commitRows` rows rather than as one transaction:
 * TiDB caps a transaction (txn-total-size-limit, 100 MB by default), Group Replication rolls
 * back one over group_replication_transaction_size_limit (150 MB), and Galera replicates a
 * transaction as one write set held in memory. The guarantees need no single transaction:
 * readers never read the staging tables, the RENAME swap alone makes the new data visible,
 * a failed load drops them and the next run clears whatever a killed one left.
 */
export class StagingSession {
  private readonly db: Knex;
  readonly commitRows: number;
  private current: Knex.Transaction | undefined;
  private sinceCommit = 0;
  /** Commits so far, for the log. */
  commits = 0;

  private constructor(db: Knex, commitRows: number) {
    this.db = db;
    this.commitRows = commitRows;
  }

  static async open(db: Knex, commitRows: number): Promise<StagingSession> {
    const session = new StagingSession(db, commitRows);
    await session.begin();
    return session;
  }

  get trx(): Knex.Transaction {
    if (!this.current) throw new Error('staging session used after it ended');
    return this.current;
  }

  /** Counts rows written; true once a chunk is full and the writer should end its statement and commit(). */
  wrote(rows: number): boolean {
    this.sinceCommit += rows;
    return this.sinceCommit >= this.commitRows;
  }

  /** Commits the chunk and begins the next transaction. */
  async commit(): Promise<void> {
    await this.end();
    await this.begin();
  }

  /** Commits the last chunk. */
  async end(): Promise<void> {
    const trx = this.trx;
    this.current = undefined;
    // The connection goes back to the pool: it must not keep the checks off.
    await trx.raw('SET SESSION foreign_key_checks = 1, unique_checks = 1');
    await trx.commit();
    this.sinceCommit = 0;
    this.commits++;
  }

  async rollback(): Promise<void> {
    const trx = this.current;
    this.current = undefined;
    if (trx && !trx.isCompleted()) {
      await trx.raw('SET SESSION foreign_key_checks = 1, unique_checks = 1').catch(() => undefined);
      await trx.rollback().catch(() => undefined);
    }
  }

  private async begin(): Promise<void> {
    const trx = await this.db.transaction();
    // Every row was validated and every place_id resolved in the stream; the server need
    // not check them again, and InnoDB can then bulk-load the first chunk of an empty table.
    await trx.raw('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    this.current = trx;
  }
}
