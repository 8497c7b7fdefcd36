import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findReport } from '@rollcall/reader';
import { REPO_ROOT, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { ensureLoaded } from './measure-loader.ts';
import { cpuBetween, type CpuSample } from './cpu-trace.ts';
import { traceServer, withCpu } from './cpu-use.ts';
import { failureOf, findLogLine, jobOutcome, runNodeJob, type ChildRun } from './run-child.ts';

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
    const { value, cpu } = await withCpu(ctx.serverCpu, () => db.raw(report.sql));
    const seconds = (performance.now() - started) / 1000;
    const [rows] = value as [Array<{ country: string; people: number | string }>];
    checkTotal(ctx, rows.reduce((sum, row) => sum + Number(row.people), 0));
    return { label, outcome: { status: 'ok', seconds, rows: ctx.rows, ...cpu, note: `${rows.length} countries` } };
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
  const server = traceServer(ctx.serverCpu);
  let run: ChildRun;
  let serverTrace: CpuSample[] | undefined;
  try {
    run = await runNodeJob(READER_MAIN, ['--report', 'summary'], {
      env: { ...ctx.scratch.env, REPORTS_DIR: reportsDir, LOG_LEVEL: 'info' },
      signal: ctx.signal,
    });
  } finally {
    serverTrace = server.stop();
  }
  if (run.exitCode !== 0) throw new StepFailure(`the reader failed (${failureOf(run)})`);
  const summary = JSON.parse(await readFile(join(reportsDir, 'summary_output.json'), 'utf8')) as Record<string, number>;
  checkTotal(ctx, Object.values(summary).reduce((sum, people) => sum + people, 0));
  const done = findLogLine(run.stdout, (entry) => Array.isArray(entry.reports) && typeof entry.ms === 'number');
  const serverCpuSeconds = serverTrace && cpuBetween(serverTrace, run.startedAt, run.exitedAt);
  return { label, outcome: jobOutcome(run, ctx.rows, typeof done?.ms === 'number' ? done.ms / 1000 : undefined, serverCpuSeconds) };
}

function checkTotal(ctx: BenchContext, total: number): void {
  const expected = ctx.dataset.manifest.expected.people.loaded;
  if (total !== expected) throw new StepFailure(`the summary counts ${total} people, expected ${expected}`);
}
