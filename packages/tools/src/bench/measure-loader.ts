import { join } from 'node:path';
import { freshDatabase, REPO_ROOT, settled, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { accountLoaderRun } from './cpu-account.ts';
import { cpuBetween, type CpuSample } from './cpu-trace.ts';
import { traceServer } from './cpu-use.ts';
import { findLogLine, jobOutcome, loggedAt } from './job-log.ts';
import { failureOf, runNodeJob, type ChildRun } from './run-child.ts';
import { countRows } from './scratch-database.ts';

const LOADER_MAIN = join(REPO_ROOT, 'packages/loader/src/main.ts');

export type LoaderMethod = 'infile' | 'insert';

/**
 * The loader as a user runs it (`npm run load`, minus npm): a process of its own from an
 * empty database (`again`: over the data the loader loaded, as every load after a database's
 * first runs: schema at the latest version, the old tables to drop after the swap), timed
 * from spawn to exit, start-up and connection included. The job's
 * own timer, from its 'load complete' line, goes in the note. Its CPU time and the
 * server's are traced throughout, so the run can be split into phases (accountLoaderRun).
 */
export async function measureLoader(
  ctx: BenchContext,
  method: LoaderMethod,
  { again = false }: { again?: boolean } = {},
): Promise<Measurement> {
  const label = again ? `loader again, LOAD_METHOD=${method}, over its own load` : `loader, LOAD_METHOD=${method}`;
  if (again) {
    await ensureLoaded(ctx);
    await settled(ctx);
  } else {
    await freshDatabase(ctx);
  }
  const server = traceServer(ctx.serverCpu);
  let run: ChildRun;
  let serverTrace: CpuSample[] | undefined;
  try {
    run = await runNodeJob(LOADER_MAIN, [], {
      env: {
        ...ctx.scratch.env,
        DATA_DIR: ctx.dataset.dir,
        REPORTS_DIR: join(ctx.workDir, `loader-${method}`),
        LOAD_METHOD: method,
        LOG_LEVEL: 'info',
      },
      signal: ctx.signal,
    });
  } finally {
    serverTrace = server.stop();
  }
  if (run.exitCode !== 0) throw new StepFailure(`the loader failed (${failureOf(run)})`);
  const summary = findLogLine(run.stdout, (entry) => entry.msg === 'load complete');
  const expected = ctx.dataset.manifest.expected.people.loaded;
  const loaded = await ctx.scratch.use((db) => countRows(db, 'people'));
  if (loaded !== expected) throw new StepFailure(`people has ${loaded} rows after the load, expected ${expected}`);
  ctx.loaded = true;
  const outcome = jobOutcome(
    run,
    ctx.rows,
    summary?.seconds,
    serverTrace && cpuBetween(serverTrace, run.startedAt, run.exitedAt),
  );
  const account =
    run.cpu &&
    accountLoaderRun({
      startedAt: run.startedAt,
      exitedAt: run.exitedAt,
      logged: loggedAt(run.stdout),
      node: run.cpu,
      ...(serverTrace ? { server: serverTrace } : {}),
    });
  return { label, outcome: account && outcome.status === 'ok' ? { ...outcome, account } : outcome };
}

/** The reader's steps and loader-again need loaded data: load it (unmeasured) unless the last step did. */
export async function ensureLoaded(ctx: BenchContext): Promise<void> {
  if (ctx.loaded) return;
  ctx.log.info('loading the data for the next step (not measured)');
  try {
    await measureLoader(ctx, 'infile');
  } catch (err) {
    throw new StepFailure(`could not load the data to read: ${(err as Error).message}`, { cause: err });
  }
}
