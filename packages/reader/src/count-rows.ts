import { Transform } from 'node:stream';

/** Rows between two calls of RowCounter's `onRows`: often enough for a live bar, cheap at millions. */
const REPORT_EVERY_ROWS = 1000;

/** An object-mode pass-through that counts the rows going by, for progress and the final log line. */
export class RowCounter extends Transform {
  rows = 0;
  private readonly onRows: ((rows: number) => void) | undefined;

  constructor(onRows?: (rows: number) => void) {
    super({ objectMode: true });
    this.onRows = onRows;
  }

  override _transform(
    row: unknown,
    _encoding: BufferEncoding,
    done: (err?: Error | null, row?: unknown) => void,
  ): void {
    this.rows++;
    if (this.rows % REPORT_EVERY_ROWS === 0) this.onRows?.(this.rows);
    done(null, row);
  }
}

/** A byte-stream pass-through that counts the bytes going by: the size of the file written. */
export class ByteCounter extends Transform {
  bytes = 0;

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (err?: Error | null, chunk?: Buffer) => void,
  ): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}
