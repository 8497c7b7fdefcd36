import { Transform } from 'node:stream';

/** An object-mode pass-through that counts the rows going by, for the final log line. */
export class RowCounter extends Transform {
  rows = 0;

  constructor() {
    super({ objectMode: true });
  }

  override _transform(row: unknown, _encoding: BufferEncoding, done: (err?: Error | null, row?: unknown) => void): void {
    this.rows++;
    done(null, row);
  }
}
