import { join } from 'node:path';
import type { Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import { startProgress, type Logger } from '@rollcall/shared';
import type { ReportJob } from './command.ts';
import { ByteCounter, RowCounter } from './count-rows.ts';
import { GZIP_SUFFIX } from './reports/index.ts';
import type { Snapshot } from './snapshot.ts';
import { writeTemp, type PendingFile } from './write-atomic.ts';
import { csvWriter } from './write-csv.ts';
import { jsonArrayWriter, jsonObjectWriter } from './write-json.ts';

export interface WrittenReport {
  report: string;
  format: string;
  file: string;
  rows: number;
  bytes: number;
  ms: number;
}

/**
 * Streams one report from the snapshot into a temporary file beside its file in REPORTS_DIR;
 * the caller commits it once every report of the run is complete. A file name ending in .gz
 * is compressed on the way (zlib's gzip stream), so it is atomic like any other. A long
 * report says how far it is: a 'writing' line every 5 s, or a bar in a terminal.
 */
export async function writeReport(
  snapshot: Snapshot,
  job: ReportJob,
  reportsDir: string,
  { log, signal }: { log: Logger; signal?: AbortSignal | undefined },
): Promise<{ written: WrittenReport; pending: PendingFile }> {
  const started = performance.now();
  const file = join(reportsDir, job.fileName);
  const progress = startProgress({
    log,
    context: { report: job.report.name, file: job.fileName },
    label: job.fileName,
    total: await expectedRows(snapshot, job),
    message: 'writing',
    rowsKey: 'rowsWritten',
  });
  const counter = new RowCounter((rows) => progress.update(rows, rows));
  const bytes = new ByteCounter();
  const transforms = [counter, formatter(job), ...(job.fileName.endsWith(GZIP_SUFFIX) ? [createGzip()] : []), bytes];
  let pending: PendingFile;
  try {
    pending = await writeTemp(file, snapshot.stream(job.report.sql), transforms, signal);
  } finally {
    progress.stop();
  }
  const written = {
    report: job.report.name,
    format: job.format,
    file,
    rows: counter.rows,
    bytes: bytes.bytes,
    ms: Math.round(performance.now() - started),
  };
  return { written, pending };
}

/** The report's row count, when it says how to count it cheaply (for percent and time left). */
async function expectedRows(snapshot: Snapshot, job: ReportJob): Promise<number | null> {
  if (!job.report.countSql) return null;
  const [row] = await snapshot.rows<{ rows: number | string }>(job.report.countSql);
  return row ? Number(row.rows) : null;
}

function formatter({ report, format }: ReportJob): Transform {
  if (format === 'csv') return csvWriter(report.columns);
  if (report.shape === 'object') return jsonObjectWriter(report.columns[0]!, report.columns[1]!);
  return jsonArrayWriter();
}
