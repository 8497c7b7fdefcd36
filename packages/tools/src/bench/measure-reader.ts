import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findReport } from '@rollcall/reader';
import { REPO_ROOT, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { ensureLoaded } from './measure-loader.ts';
import { failureOf, findLogLine, jobOutcome, runNodeJob } from './run-child.ts';

const READER_MAIN = join(REPO_ROOT, 'packages/reader/src/main.ts');

/** The reader registry's own summary SQL, timed alone on an open connection. */
export async function measureSummarySql(ctx: BenchContext): Promise<Measurement> {
  const label = 'reader: summary query (births by country)';
  const report = findReport('summary');
  if (!report) return { label, outcome: { status: 'skipped', note: 'the reader has no summary report' } };
  await ensureLoaded(ctx);
  return ctx.scratch.use(async (db) => {
    await db.raw('SELECT 1');
    const started = performance.now();
    const [rows] = (await db.raw(report.sql)) as [Array<{ country: string; people: number | string }>];
    const seconds = (performance.now() - started) / 1000;
    checkTotal(ctx, rows.reduce((sum, row) => sum + Number(row.people), 0));
    return { label, outcome: { status: 'ok', seconds, rows: ctx.rows, note: `${rows.length} countries` } };
  });
}

/**
 * The reader job writing summary_output.json, as `npm run report -- --report summary` runs
 * it: start-up, snapshot, query and file, timed from spawn to exit. The job's own timer,
 * from its last log line, goes in the note.
 */
export async function measureReaderJob(ctx: BenchContext): Promise<Measurement> {
  const label = 'reader: npm run report -- --report summary';
  await ensureLoaded(ctx);
  const reportsDir = join(ctx.workDir, 'reader');
  const run = await runNodeJob(READER_MAIN, ['--report', 'summary'], {
    env: { ...ctx.scratch.env, REPORTS_DIR: reportsDir, LOG_LEVEL: 'info' },
    signal: ctx.signal,
  });
  if (run.exitCode !== 0) throw new StepFailure(`the reader failed (${failureOf(run)})`);
  const summary = JSON.parse(await readFile(join(reportsDir, 'summary_output.json'), 'utf8')) as Record<string, number>;
  checkTotal(ctx, Object.values(summary).reduce((sum, people) => sum + people, 0));
  const done = findLogLine(run.stdout, (entry) => Array.isArray(entry.reports) && typeof entry.ms === 'number');
  return { label, outcome: jobOutcome(run, ctx.rows, typeof done?.ms === 'number' ? done.ms / 1000 : undefined) };
}

function checkTotal(ctx: BenchContext, total: number): void {
  const expected = ctx.dataset.manifest.expected.people.loaded;
  if (total !== expected) throw new StepFailure(`the summary counts ${total} people, expected ${expected}`);
}
