import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';

/** Text is handed to the file in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted only when it has to be (RFC 4180: comma, double quote, line break). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? stringify([[value]], { eof: false }) : value;
}

export function csvRecord(fields: readonly string[], eol: string): string {
  return fields.map(csvField).join(',') + eol;
}

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/**
 * A file written in big chunks with backpressure: rows are appended to an in-memory chunk
 * (`write` says when it is full), `flush` hands it to the stream and waits for 'drain'
 * when the stream's buffer is over its mark, so memory stays flat however many rows pass.
 * The file is written under `partialPath(path)`, for the caller to rename once every file
 * of the run is whole, so an interrupted run never leaves a half file where the loader
 * would take it for a whole one. The bytes are hashed on the way out, for the manifest.
 */
export interface CsvSink {
  /** Appends text; returns true when the chunk is full and `flush()` should be awaited. */
  write(text: string): boolean;
  /** Appends raw bytes (e.g. deliberately invalid UTF-8). */
  writeBytes(bytes: Buffer): boolean;
  flush(): Promise<void>;
  close(): Promise<WrittenFile>;
  /** Stops writing and removes the partial file. */
  abort(): Promise<void>;
}

export const partialPath = (path: string): string => `${path}.partial`;

export function openCsvSink(path: string, options: { bom: boolean; signal?: AbortSignal }): CsvSink {
  const partial = partialPath(path);
  const stream = createWriteStream(partial, { highWaterMark: 1024 * 1024 });
  const hash = createHash('sha256');
  let bytes = 0;
  let text = options.bom ? '\uFEFF' : '';
  let parts: Buffer[] = [];
  let partsLength = 0;

  const sink: CsvSink = {
    write(chunk) {
      text += chunk;
      return text.length + partsLength >= CHUNK_CHARS;
    },
    writeBytes(chunk) {
      parts.push(Buffer.from(text, 'utf8'), chunk);
      partsLength += text.length + chunk.length;
      text = '';
      return partsLength >= CHUNK_CHARS;
    },
    async flush() {
      options.signal?.throwIfAborted();
      const buffer =
        parts.length > 0 ? Buffer.concat([...parts, Buffer.from(text, 'utf8')]) : Buffer.from(text, 'utf8');
      text = '';
      parts = [];
      partsLength = 0;
      if (buffer.length === 0) return;
      hash.update(buffer);
      bytes += buffer.length;
      if (!stream.write(buffer)) await once(stream, 'drain', { signal: options.signal });
    },
    async close() {
      await sink.flush();
      stream.end();
      await finished(stream);
      return { bytes, sha256: hash.digest('hex') };
    },
    async abort() {
      // The run has already failed: a write the destroyed stream still owes may only fail too.
      stream.on('error', () => {});
      stream.destroy();
      await finished(stream).catch(() => {});
      await rm(partial, { force: true });
    },
  };
  return sink;
}
