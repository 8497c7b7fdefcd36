import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { makeFolder } from '@rollcall/shared';
import { encodeUtf8, type FieldEncoding } from './field-text.ts';
import type { Reject } from './to-row.ts';

/** Inside REPORTS_DIR. */
export const REJECTS_FOLDER = 'rejects';

/** The temporary name of a reject file being written; the capture is the writer's pid. */
export const REJECT_TEMP_NAME = /^.+\.rejects\.csv\.(\d+)\.tmp$/;

/**
 * REPORTS_DIR/rejects/<file>.rejects.csv: one row per rejected record with its physical
 * line, code and reason, then its original fields byte for byte (as the input had them,
 * even where they are not valid UTF-8: see FieldEncoding). Written to a temporary name and put in place by
 * commit(), so a crashed run never leaves a half-written reject file.
 */
export class RejectFile {
  count = 0;
  readonly path: string;
  private readonly tempPath: string;
  private readonly out: WriteStream;
  private readonly encoding: FieldEncoding;

  private constructor(path: string, tempPath: string, out: WriteStream, encoding: FieldEncoding) {
    this.path = path;
    this.tempPath = tempPath;
    this.out = out;
    this.encoding = encoding;
  }

  /** `encoding` is the input's: fields are written back in it, so their bytes stay the input's. */
  static async create(
    reportsDir: string,
    inputFile: string,
    header: readonly string[],
    encoding: FieldEncoding,
  ): Promise<RejectFile> {
    const dir = join(reportsDir, REJECTS_FOLDER);
    await makeFolder(dir);
    const path = join(dir, `${inputFile}.rejects.csv`);
    const tempPath = `${path}.${process.pid}.tmp`;
    const out = createWriteStream(tempPath);
    await once(out, 'open');
    const file = new RejectFile(path, tempPath, out, encoding);
    file.writeRow(['line', 'code', 'reason', ...header]);
    return file;
  }

  add(line: number, reject: Reject, fields: readonly string[]): void {
    this.count++;
    const reason = this.encoding === 'latin1' ? encodeUtf8(reject.reason) : reject.reason;
    this.writeRow([String(line), reject.code, reason, ...fields]);
  }

  /** Resolves when the file has taken in what was written so far (backpressure). */
  async drained(): Promise<void> {
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  async commit(): Promise<void> {
    await this.close();
    await rename(this.tempPath, this.path);
  }

  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }

  private writeRow(fields: readonly string[]): void {
    // Byte strings go back through latin1, each char as the byte it came from.
    this.out.write(Buffer.from(stringify([fields]), this.encoding));
  }

  private async close(): Promise<void> {
    if (this.out.closed) return;
    this.out.end();
    await once(this.out, 'close');
  }
}
