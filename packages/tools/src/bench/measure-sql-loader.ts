import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, delimiter, join } from 'node:path';
import { freshDatabase, REPO_ROOT, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { cpuBetween, type CpuSample } from './cpu-trace.ts';
import { traceServer } from './cpu-use.ts';
import { failureOf, runChild, type ChildRun } from './run-child.ts';
import { countRows } from './scratch-database.ts';

const LOADER_SQL = join(REPO_ROOT, 'sql/loader.sql');
const CLIENTS = ['mariadb', 'mysql'];

/**
 * sql/loader.sql as its header says to run it: `cd DATA_DIR && mariadb --local-infile=1 …
 * DB < sql/loader.sql`. The password goes in MYSQL_PWD, never on the command line, where
 * other users of the machine could read it. Timed from spawn to exit; the work is the
 * server's, so the client's memory is not reported.
 */
export async function measureSqlLoader(ctx: BenchContext): Promise<Measurement> {
  const label = 'pure-SQL loader (sql/loader.sql)';
  if (!(await isFile(LOADER_SQL))) return { label, outcome: { status: 'skipped', note: 'sql/loader.sql does not exist yet' } };
  const client = await findOnPath(CLIENTS, ctx.scratch.env.PATH ?? '');
  if (!client) return { label, outcome: { status: 'skipped', note: `no ${CLIENTS.join(' or ')} client on PATH` } };

  await freshDatabase(ctx);
  const { host, port, user, password, database } = ctx.scratch.config;
  const server = traceServer(ctx.serverCpu);
  let run: ChildRun;
  let serverTrace: CpuSample[] | undefined;
  try {
    run = await runChild(client, ['--local-infile=1', '--protocol=TCP', '-h', host, '-P', String(port), '-u', user, database], {
      env: { ...ctx.scratch.env, MYSQL_PWD: password },
      cwd: ctx.dataset.dir,
      stdinFile: LOADER_SQL,
      signal: ctx.signal,
    });
  } finally {
    serverTrace = server.stop();
  }
  if (run.exitCode !== 0) throw new StepFailure(`${basename(client)} < sql/loader.sql failed (${failureOf(run)})`);
  const expected = ctx.dataset.manifest.expected.people.loaded;
  const loaded = await ctx.scratch.use((db) => countRows(db, 'people'));
  if (loaded !== expected) throw new StepFailure(`people has ${loaded} rows after sql/loader.sql, expected ${expected}`);
  const cpu = serverTrace ? { serverCpuSeconds: cpuBetween(serverTrace, run.startedAt, run.exitedAt) } : {};
  return { label, outcome: { status: 'ok', seconds: run.seconds, rows: ctx.rows, ...cpu, note: `${basename(client)} client; the work is the server's` } };
}

async function findOnPath(names: readonly string[], path: string): Promise<string | undefined> {
  for (const name of names) {
    for (const dir of path.split(delimiter).filter(Boolean)) {
      const candidate = join(dir, name);
      if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
    }
  }
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  return access(path, constants.R_OK).then(() => true, () => false);
}
