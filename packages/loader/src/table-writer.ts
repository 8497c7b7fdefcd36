import type { Knex } from '@rollcall/shared';

/** Values of one row, in the order of the writer's columns. */
export type RowValues = readonly (string | number)[];

/**
 * Writes rows into one staging table inside the load's transaction, in batches: add()
 * buffers, flush() sends a full batch, close() sends the rest and returns the row count;
 * abort() gives up, leaving the connection free for the rollback.
 */
export interface TableWriter {
  add(values: RowValues): void;
  readonly full: boolean;
  flush(): Promise<void>;
  close(): Promise<number>;
  abort(): Promise<void>;
}

export interface TableTarget {
  trx: Knex.Transaction;
  table: string;
  columns: readonly string[];
}

export type LoadMethod = 'infile' | 'insert';
