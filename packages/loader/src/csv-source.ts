import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CsvError, parse, type Options } from 'csv-parse';
import { RollcallError } from '@rollcall/shared';
import type { FieldEncoding } from './field-text.ts';
import { scanFile, type FileScan } from './file-scan.ts';
import { Utf8Check } from './utf8-check.ts';
import { checkInputFile } from './input-check.ts';

/** One data record: its fields (in the source's `encoding`) and the physical line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvFileStats {
  path: string;
  bytes: number;
  /** Of exactly the bytes parsed; set once the file has been read to its end. */
  sha256: string;
  blankLines: number;
}

/** Records handed out at a time: few enough to die young, many enough to amortise the await. */
const BATCH_RECORDS = 1024;

/** A record longer than this is no row of ours: a binary file or a runaway quote. */
export const MAX_RECORD_BYTES = 1 << 20;

/**
 * Reads a CSV file as batches of records after its header, in constant memory. The file
 * is scanned once on opening (size, UTF-8 validity); fields are then text if the file is
 * valid UTF-8, byte strings otherwise (see FieldEncoding). The sha256 is taken of the
 * bytes as the parser gets them, so it is the hash of what was loaded even if the file
 * was edited after the scan. Line numbers are
 * counted here, not by csv-parse, whose count treats a CRLF inside a quoted field as two
 * lines.
 */
export class CsvSource {
  readonly path: string;
  readonly file: string;
  readonly stats: CsvFileStats;
  readonly encoding: FieldEncoding;
  /** Bytes of the file read so far by batches() (a little ahead of the records handed out). */
  bytesRead = 0;

  private constructor(path: string, scan: FileScan, byteStrings: boolean) {
    this.path = path;
    this.file = basename(path);
    this.stats = { path, bytes: scan.bytes, sha256: '', blankLines: 0 };
    this.encoding = scan.utf8 && !byteStrings ? 'utf8' : 'latin1';
  }

  /** `byteStrings`: hand over byte strings even when the file is valid UTF-8 (to look at its bytes). */
  static async open(path: string, { byteStrings = false }: { byteStrings?: boolean } = {}): Promise<CsvSource> {
    await checkInputFile(path);
    return new CsvSource(path, await scanFile(path), byteStrings);
  }

  /** Yields the header record as a batch of its own, then batches of data records. */
  async *batches(signal?: AbortSignal): AsyncGenerator<CsvRecord[]> {
    // The stream's default 64 KiB reads, not larger ones: few records are alive at a time,
    // so they die young (cheap to collect).
    const input = createReadStream(this.path);
    this.bytesRead = 0;
    const hash = createHash('sha256');
    const utf8 = this.encoding === 'utf8' ? new Utf8Check() : undefined;
    input.on('data', (data) => {
      const chunk = data as Buffer;
      this.bytesRead += chunk.length;
      hash.update(chunk);
      utf8?.update(chunk);
    });
    // (csv-parse's typings offer on_record's own return type only together with `columns`.)
    // Lines are counted in on_record, inside the parser, so the count is exact even when
    // the parser fails with records still buffered (they are dropped with the stream).
    let nextLine = 1;
    const parser = input.pipe(stripUtf8Bom()).pipe(
      parse({
        encoding: this.encoding,
        // Not csv-parse's own `bom`: on finding one it switches to decoding UTF-8, which
        // would turn invalid bytes into U+FFFD before the row rules could see them.
        bom: false,
        record_delimiter: ['\r\n', '\n'],
        relax_column_count: true,
        // A stray quote inside an unquoted field (O"Brien) is kept as text and validated.
        relax_quotes: true,
        max_record_size: MAX_RECORD_BYTES,
        on_record: (fields: string[]): CsvRecord | null => {
          const line = nextLine;
          nextLine += 1 + newlinesIn(fields);
          if (line > 1 && fields.length === 1 && fields[0] === '') {
            this.stats.blankLines++;
            return null;
          }
          return { line, fields };
        },
      } satisfies Options<CsvRecord, string[]> as Options),
    );
    input.on('error', (err) => parser.destroy(err));
    // Records are taken with read() in synchronous runs, a batch at a time: an async
    // iterator would cost a promise per record, a tenth of the loader's CPU at 1M rows.
    const ended = finished(parser);
    ended.catch(() => undefined);
    try {
      for (;;) {
        const batch: CsvRecord[] = [];
        let record: CsvRecord | null;
        // biome-ignore lint/suspicious/noAssignInExpressions: read only while the batch has room, so no record is taken early
        while (batch.length < BATCH_RECORDS && (record = parser.read() as CsvRecord | null) !== null) {
          batch.push(record);
          if (record.line === 1) break;
        }
        if (batch.length > 0) {
          yield batch;
          signal?.throwIfAborted();
        } else if (parser.readableEnded) {
          break;
        } else {
          await Promise.race([once(parser, 'readable'), ended]);
        }
      }
      await ended;
      this.checkUnchanged(this.bytesRead, utf8?.end() ?? true);
      this.stats.sha256 = hash.digest('hex');
    } catch (err) {
      throw this.structuralError(err, nextLine);
    } finally {
      input.destroy();
    }
  }

  /**
   * The file was scanned on opening; one that grew or shrank since, or is no longer valid
   * UTF-8, could hold bytes the scan did not check, decoded the wrong way.
   */
  private checkUnchanged(bytesRead: number, stillUtf8: boolean): void {
    if (bytesRead === this.stats.bytes && stillUtf8) return;
    const how =
      bytesRead === this.stats.bytes
        ? 'valid UTF-8 when opened, not when read'
        : `${this.stats.bytes} bytes when opened, ${bytesRead} when read`;
    throw new RollcallError(
      'BAD_CSV',
      `${this.file}: the file changed while it was being loaded (${how}); expected a file that is not being written to`,
      { file: this.file },
    );
  }

  private structuralError(err: unknown, line: number): unknown {
    if (!(err instanceof CsvError)) return err;
    const where = `${this.file} line ${line}`;
    switch (err.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new RollcallError(
          'BAD_CSV',
          `${where}: a quoted field opened in this record is never closed; expected a closing " before the end of the file`,
          { file: this.file, line },
          { cause: err },
        );
      case 'CSV_MAX_RECORD_SIZE':
        return new RollcallError(
          'BAD_CSV',
          `${where}: a record longer than ${MAX_RECORD_BYTES} bytes; expected CSV rows (is this a binary file, or a quote left open?)`,
          { file: this.file, line },
          { cause: err },
        );
      default:
        // csv-parse's own words can quote the input: keep the message short whatever it holds.
        return new RollcallError(
          'BAD_CSV',
          `${where}: ${err.message.length > 300 ? `${err.message.slice(0, 300)}...` : err.message}`,
          { file: this.file, line },
          { cause: err },
        );
    }
  }
}

/** Drops a UTF-8 byte order mark at the very start of the byte stream. */
function stripUtf8Bom(): Transform {
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (first) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      done(null, chunk);
    },
  });
}

function newlinesIn(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) count++;
  }
  return count;
}
