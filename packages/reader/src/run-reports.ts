import { basename } from 'node:path';
import {
  asAccessDenied,
  checkOutputFolder,
  createDb,
  makeFolder,
  removeStaleTempFiles,
  requirePrivileges,
  waitForDatabase,
  type Logger,
  type SharedConfig,
} from '@rollcall/shared';
import type { ReportJob } from './command.ts';
import { requireCompletedLoad } from './completed-load.ts';
import { checkSchemaVersion } from './schema-check.ts';
import { withReadSnapshot } from './snapshot.ts';
import { commitAll, TEMP_NAME, type PendingFile } from './write-atomic.ts';
import { writeReport, type WrittenReport } from './write-report.ts';

export interface RunContext {
  log: Logger;
  signal?: AbortSignal;
}

/**
 * The reader, top to bottom: wait for the database, then in one read-only snapshot check
 * that the schema is the one this release reads (neither newer nor older) and that a load has completed and write each
 * report in turn to a temporary file; when all are complete they replace the previous files.
 * REPORTS_DIR is checked first (created if missing, written to with a probe file), before the
 * database is touched; no report is written until a completed load is found.
 */
export async function runReports(
  config: SharedConfig,
  jobs: readonly ReportJob[],
  { log, signal }: RunContext,
): Promise<WrittenReport[]> {
  const started = performance.now();
  await checkOutputFolder(config.reportsDir, 'REPORTS_DIR');
  const leftovers = await removeStaleTempFiles(config.reportsDir, [TEMP_NAME]);
  if (leftovers.length > 0) log.info({ removed: leftovers }, 'removed the temporary report files of readers that died');
  // One connection for the snapshot, one spare for waitForDatabase's probe.
  const db = createDb(config.db, { poolMax: 2, log });
  try {
    const identity = await waitForDatabase(db, config.db, log, signal);
    await requirePrivileges(db, config.db, 'reader', identity);
    const { load, written } = await withReadSnapshot(db, async (snapshot) => {
      await checkSchemaVersion(snapshot);
      const load = await requireCompletedLoad(snapshot);
      log.info(
        { loadRunId: load.id, loadFinishedAt: load.finishedAt, files: jobs.map((job) => job.fileName) },
        'writing reports',
      );
      // Made again in case it was removed while the job waited for the database.
      await makeFolder(config.reportsDir);
      const written: WrittenReport[] = [];
      const pending: PendingFile[] = [];
      try {
        for (const job of jobs) {
          signal?.throwIfAborted();
          const result = await writeReport(snapshot, job, config.reportsDir, { log, signal });
          const { report, file, rows, bytes, ms } = result.written;
          log.info({ report, file, rows, bytes, seconds: ms / 1000 }, 'report complete');
          written.push(result.written);
          pending.push(result.pending);
        }
      } catch (err) {
        await Promise.all(pending.map((file) => file.discard()));
        throw err;
      }
      // Only now do the new files replace the old ones: a failure above left every one in place.
      await commitAll(pending);
      return { load, written };
    });
    log.info(
      { loadRunId: load.id, reports: written, ms: Math.round(performance.now() - started) },
      `wrote ${written.length} report${written.length === 1 ? '' : 's'}: ${written.map((w) => `${w.report} → ${basename(w.file)} (${w.rows} rows, ${w.ms} ms)`).join(', ')}`,
    );
    return written;
  } catch (err) {
    // A pipeline cut by the signal fails with a generic AbortError; report the interruption.
    if (signal?.aborted) throw signal.reason;
    throw asAccessDenied(err, config.db, 'reader');
  } finally {
    await db.destroy();
  }
}
