import { RollcallError, type Logger } from '@rollcall/shared';
import type { CsvSource } from './csv-source.ts';
import type { FileSpec } from './files.ts';
import { mapHeader } from './header.ts';
import type { FileCounts } from './load-runs.ts';
import { fileProgress } from './progress.ts';
import { RejectFile } from './reject-file.ts';
import type { RecordShape, Reject } from './to-row.ts';
import type { RowValues, TableWriter } from './table-writer.ts';

/** What the row rules make of one record: values to write, a reject, or a dropped duplicate. */
export type RecordOutcome = RowValues | Reject | 'duplicate';

export type RecordHandler = (fields: string[], line: number, shape: RecordShape) => RecordOutcome;

export interface FileLoadResult {
  counts: FileCounts;
  rejects: RejectFile;
}

/**
 * One input file, top to bottom: CSV records → header mapped → each record through the
 * row rules → valid rows to the table writer, rejects to the reject file. Backpressure:
 * a full batch is flushed (awaited) before more of the file is read.
 */
export async function loadFile(
  source: CsvSource,
  spec: FileSpec,
  handle: RecordHandler,
  writer: TableWriter,
  options: { reportsDir: string; log: Logger; signal?: AbortSignal },
): Promise<FileLoadResult> {
  const counts: FileCounts = {
    path: source.path,
    bytes: 0,
    sha256: '',
    read: 0,
    loaded: 0,
    rejected: 0,
    duplicates: 0,
  };
  const progress = fileProgress(options.log, source);
  let shape: RecordShape | undefined;
  let rejects: RejectFile | undefined;
  try {
    for await (const batch of source.batches(options.signal)) {
      for (const { line, fields } of batch) {
        if (shape === undefined || rejects === undefined) {
          shape = { width: fields.length, layout: mapHeader(fields, spec, source.file), encoding: source.encoding };
          rejects = await RejectFile.create(options.reportsDir, source.file, fields, source.encoding);
          continue;
        }
        counts.read++;
        const outcome = handle(fields, line, shape);
        if (outcome === 'duplicate') counts.duplicates++;
        else if (Array.isArray(outcome)) writer.add(outcome);
        else rejects.add(line, outcome as Reject, fields);
      }
      if (writer.full) await writer.flush();
      if (rejects) await rejects.drained();
      progress.update(source.bytesRead, counts.read);
    }
    if (rejects === undefined || counts.read === 0) {
      throw new RollcallError(
        'INPUT_EMPTY',
        `${source.file}: no data rows after the header; expected at least one row of ${spec.columns.join(',')}`,
        { file: source.file, line: 2 },
      );
    }
    // The last rows are sent; the server may take a while yet to store them and update indexes.
    progress.waiting('the server to store the last rows');
    counts.loaded = await writer.close();
    counts.rejected = rejects.count;
  } catch (err) {
    progress.stop();
    await writer.abort();
    await rejects?.discard();
    throw err;
  }
  progress.stop();
  counts.bytes = source.stats.bytes;
  counts.sha256 = source.stats.sha256;
  if (counts.loaded + counts.rejected + counts.duplicates !== counts.read) {
    throw new Error(
      `${source.file}: ${counts.loaded} loaded + ${counts.rejected} rejected + ${counts.duplicates} duplicates != ${counts.read} read`,
    );
  }
  if (source.stats.blankLines > 0)
    options.log.info({ file: source.file, blankLines: source.stats.blankLines }, 'blank lines skipped');
  return { counts, rejects };
}
