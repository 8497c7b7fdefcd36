import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { encodeUtf8 } from './field-text.ts';
import type { Reject } from './to-row.ts';

/**
 * REPORTS_DIR/rejects/<file>.rejects.csv: one row per rejected record with its physical
 * line, code and reason, then its original fields byte for byte (as the input had them,
 * even where they are not valid UTF-8). Written to a temporary name and put in place by
 * commit(), so a crashed run never leaves a half-written reject file.
 */
export class RejectFile {
  count = 0;
  readonly path: string;
  private readonly tempPath: string;
  private readonly out: WriteStream;

  private constructor(path: string, tempPath: string, out: WriteStream) {
    this.path = path;
    this.tempPath = tempPath;
    this.out = out;
  }

  static async create(reportsDir: string, inputFile: string, header: readonly string[]): Promise<RejectFile> {
    const dir = join(reportsDir, 'rejects');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${inputFile}.rejects.csv`);
    const tempPath = `${path}.${process.pid}.tmp`;
    const out = createWriteStream(tempPath);
    await once(out, 'open');
    const file = new RejectFile(path, tempPath, out);
    file.writeRow(['line', 'code', 'reason', ...header]);
    return file;
  }

  add(line: number, reject: Reject, fields: readonly string[]): void {
    this.count++;
    this.writeRow([String(line), reject.code, encodeUtf8(reject.reason), ...fields]);
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
    // Fields are byte strings: latin1 writes each char back as the byte it came from.
    this.out.write(Buffer.from(stringify([fields]), 'latin1'));
  }

  private async close(): Promise<void> {
    if (this.out.closed) return;
    this.out.end();
    await once(this.out, 'close');
  }
}
