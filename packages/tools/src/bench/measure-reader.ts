import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findReport } from '@rollcall/reader';
import { REPO_ROOT, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { ensureLoaded } from './measure-loader.ts';
import { cpuBetween, type CpuSample } from './cpu-trace.ts';
import { traceServer, withCpu } from './cpu-use.ts';
import { findLogLine, jobOutcome } from './job-log.ts';
import { failureOf, runNodeJob, type ChildRun } from './run-child.ts';

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
    checkTotal(
      ctx,
      rows.reduce((sum, row) => sum + Number(row.people), 0),
    );
    return { label, outcome: { status: 'ok', seconds, rows: ctx.rows, ...cpu, note: `${rows.length} countries` } };
  });
}

/** The issue-15 goal for the reader's default run at 10M people, spawn to exit. */
const GOAL_SECONDS_AT_10M = 3;
/** No file of the default set may be bigger than this, at any size (they grow with places, not people). */
const MAX_DEFAULT_FILE_BYTES = 1 << 20;

/**
 * The reader job's default run, as `npm run report` (and the stack's reader) runs it:
 * start-up, snapshot, every report of the default set and its file, timed from spawn to exit.
 * The note gives the job's own timer, the largest file written, and the goals: at most
 * GOAL_SECONDS_AT_10M at 10M people, no file over 1 MB.
 */
export async function measureReaderJob(ctx: BenchContext): Promise<Measurement> {
  const label = `reader: npm run report (default set; goal ≤ ${GOAL_SECONDS_AT_10M} s at 10M)`;
  await ensureLoaded(ctx);
  const reportsDir = join(ctx.workDir, 'reader');
  await rm(reportsDir, { recursive: true, force: true });
  const server = traceServer(ctx.serverCpu);
  let run: ChildRun;
  let serverTrace: CpuSample[] | undefined;
  try {
    run = await runNodeJob(READER_MAIN, [], {
      env: { ...ctx.scratch.env, REPORTS_DIR: reportsDir, LOG_LEVEL: 'info' },
      signal: ctx.signal,
    });
  } finally {
    serverTrace = server.stop();
  }
  if (run.exitCode !== 0) throw new StepFailure(`the reader failed (${failureOf(run)})`);
  const summary = JSON.parse(await readFile(join(reportsDir, 'summary_output.json'), 'utf8')) as Record<string, number>;
  checkTotal(
    ctx,
    Object.values(summary).reduce((sum, people) => sum + people, 0),
  );
  const largest = await largestFile(reportsDir);
  if (largest.bytes > MAX_DEFAULT_FILE_BYTES)
    throw new StepFailure(`the default set wrote ${largest.name} of ${largest.bytes} bytes, over 1 MB`);
  const done = findLogLine(run.stdout, (entry) => Array.isArray(entry.reports) && typeof entry.ms === 'number');
  const serverCpuSeconds = serverTrace && cpuBetween(serverTrace, run.startedAt, run.exitedAt);
  const outcome = jobOutcome(
    run,
    ctx.rows,
    typeof done?.ms === 'number' ? done.ms / 1000 : undefined,
    serverCpuSeconds,
  );
  // Which report to look at first when the goal is missed (the reader's last line times each one).
  const timings = Array.isArray(done?.reports) ? (done.reports as Array<{ report: string; ms: number }>) : [];
  const slowest = [...timings].sort((a, b) => b.ms - a.ms)[0];
  const slowestNote = slowest ? `; slowest ${slowest.report} ${(slowest.ms / 1000).toFixed(2)} s` : '';
  return {
    label,
    outcome: {
      ...outcome,
      note: `largest file ${largest.name}, ${(largest.bytes / 1024).toFixed(1)} KB${slowestNote}`,
    },
  };
}

async function largestFile(dir: string): Promise<{ name: string; bytes: number }> {
  let largest = { name: '', bytes: 0 };
  for (const name of await readdir(dir)) {
    const { size } = await stat(join(dir, name));
    if (size >= largest.bytes) largest = { name, bytes: size };
  }
  return largest;
}

function checkTotal(ctx: BenchContext, total: number): void {
  const expected = ctx.dataset.manifest.expected.people.loaded;
  if (total !== expected) throw new StepFailure(`the summary counts ${total} people, expected ${expected}`);
}
