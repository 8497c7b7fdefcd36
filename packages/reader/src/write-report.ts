import { join } from 'node:path';
import type { Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { ReportJob } from './command.ts';
import { RowCounter } from './count-rows.ts';
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
  ms: number;
}

/**
 * Streams one report from the snapshot into a temporary file beside its file in REPORTS_DIR;
 * the caller commits it once every report of the run is complete. A file name ending in .gz
 * is compressed on the way (zlib's gzip stream), so it is atomic like any other.
 */
export async function writeReport(
  snapshot: Snapshot,
  job: ReportJob,
  reportsDir: string,
  signal?: AbortSignal,
): Promise<{ written: WrittenReport; pending: PendingFile }> {
  const started = performance.now();
  const file = join(reportsDir, job.fileName);
  const counter = new RowCounter();
  const transforms = [counter, formatter(job), ...(job.fileName.endsWith(GZIP_SUFFIX) ? [createGzip()] : [])];
  const pending = await writeTemp(file, snapshot.stream(job.report.sql), transforms, signal);
  const written = { report: job.report.name, format: job.format, file, rows: counter.rows, ms: Math.round(performance.now() - started) };
  return { written, pending };
}

function formatter({ report, format }: ReportJob): Transform {
  if (format === 'csv') return csvWriter(report.columns);
  if (report.shape === 'object') return jsonObjectWriter(report.columns[0]!, report.columns[1]!);
  return jsonArrayWriter();
}
