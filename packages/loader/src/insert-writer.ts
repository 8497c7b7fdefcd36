import type { RowValues, TableTarget, TableWriter } from './table-writer.ts';

/** Rows per multi-row INSERT: large enough to amortise round trips, far below max_allowed_packet. */
export const INSERT_BATCH_ROWS = 2_000;

/** The portable path: batched multi-row INSERTs through knex, for servers without LOCAL INFILE. */
export class InsertWriter implements TableWriter {
  private readonly target: TableTarget;
  private batch: Record<string, string | number>[] = [];
  private written = 0;

  constructor(target: TableTarget) {
    this.target = target;
  }

  add(values: RowValues): void {
    const row: Record<string, string | number> = {};
    this.target.columns.forEach((column, i) => {
      row[column] = values[i]!;
    });
    this.batch.push(row);
  }

  get full(): boolean {
    return this.batch.length >= INSERT_BATCH_ROWS;
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    await this.target.session.trx(this.target.table).insert(rows);
    this.written += rows.length;
    if (this.target.session.wrote(rows.length)) await this.target.session.commit();
  }

  async close(): Promise<number> {
    await this.flush();
    return this.written;
  }

  /** Nothing to give up: each batch was awaited. */
  async abort(): Promise<void> {
    this.batch = [];
  }
}
