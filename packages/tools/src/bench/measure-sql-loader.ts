import { basename, join } from 'node:path';
import { findMysqlClient, runSqlFile } from '../sql/mysql-client.ts';
import { freshDatabase, REPO_ROOT, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { cpuBetween, type CpuSample } from './cpu-trace.ts';
import { traceServer } from './cpu-use.ts';
import { failureOf, type ChildRun } from './run-child.ts';
import { countRows } from './scratch-database.ts';

const LOADER_SQL = join(REPO_ROOT, 'sql/loader.sql');

/**
 * sql/loader.sql as its header says to run it, through the runner its tests use (the
 * password in an option file, never on the command line). Timed from spawn to exit; the work
 * is the server's, so the client's memory is not reported.
 */
export async function measureSqlLoader(ctx: BenchContext): Promise<Measurement> {
  const label = 'pure-SQL loader (sql/loader.sql)';
  const client = findMysqlClient();
  if (!client) return { label, outcome: { status: 'skipped', note: 'no mariadb or mysql client on PATH' } };

  await freshDatabase(ctx);
  const server = traceServer(ctx.serverCpu);
  let run: ChildRun;
  let serverTrace: CpuSample[] | undefined;
  try {
    run = await runSqlFile(client, ctx.scratch.config, {
      file: LOADER_SQL,
      cwd: ctx.dataset.dir,
      env: ctx.scratch.env,
      signal: ctx.signal,
    });
  } finally {
    serverTrace = server.stop();
  }
  if (run.exitCode !== 0) throw new StepFailure(`${basename(client)} < sql/loader.sql failed (${failureOf(run)})`);
  const expected = ctx.dataset.manifest.expected.people.loaded;
  const loaded = await ctx.scratch.use((db) => countRows(db, 'people'));
  if (loaded !== expected)
    throw new StepFailure(`people has ${loaded} rows after sql/loader.sql, expected ${expected}`);
  const cpu = serverTrace ? { serverCpuSeconds: cpuBetween(serverTrace, run.startedAt, run.exitedAt) } : {};
  return {
    label,
    outcome: {
      status: 'ok',
      seconds: run.seconds,
      rows: ctx.rows,
      ...cpu,
      note: `${basename(client)} client; the work is the server's`,
    },
  };
}
