import type { StagingSession } from './staging-session.ts';

/** Values of one row, in the order of the writer's columns. */
export type RowValues = readonly (string | number)[];

/**
 * Writes rows into one staging table through the staging session, in batches: add()
 * buffers, flush() sends a full batch (and commits when the session's chunk is full), close()
 * sends the rest and returns the row count; abort() gives up, leaving the connection free
 * for the rollback.
 */
export interface TableWriter {
  add(values: RowValues): void;
  readonly full: boolean;
  flush(): Promise<void>;
  close(): Promise<number>;
  abort(): Promise<void>;
}

export interface TableTarget {
  session: StagingSession;
  table: string;
  columns: readonly string[];
}

export type LoadMethod = 'infile' | 'insert';
