// The jobs run as host processes with exactly the environment stack.yml gives their
// containers (host names, accounts, mounts and secrets mapped onto this machine), as the
// least-privilege accounts that the stack's init script creates.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLoaderConfig } from '@rollcall/loader';
import { createDb, readEnv, toSharedConfig, type Knex } from '@rollcall/shared';
import { LOADER_MAIN, lacksTool, READER_MAIN, runJob, useTestDatabase } from '@rollcall/testkit';
import { findMysqlClient, runSqlFile } from '@rollcall/tools/sql';
import { environmentOf, jobEnvironment, readStack, REPO_ROOT, service, type StackTarget } from './stack-env.ts';

const stack = readStack();
const init = environmentOf(service(stack, 'mysql'));
const FIXTURE = join(REPO_ROOT, 'test/stack/fixtures/data');

/**
 * Runs sql/init/initdb.d/accounts.sh as the mysql entrypoint would, except that the SQL it
 * hands to docker_process_sql is returned instead of piped to a local socket.
 */
async function accountsSql(env: Record<string, string>): Promise<string> {
  const script =
    'set -eo pipefail; mysql_note() { :; }; docker_process_sql() { cat; }; . sql/init/initdb.d/accounts.sh';
  const { stdout } = await promisify(execFile)('bash', ['-c', script], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...env },
  });
  return stdout;
}

describe('the jobs with the environment stack.yml gives them', () => {
  const t = useTestDatabase('stack');
  let dir: string;
  let target: StackTarget;
  const suffix = randomBytes(3).toString('hex');
  const accounts = {
    [init.ROLLCALL_LOADER_USER!]: { user: `rc_${suffix}_loader`, password: randomBytes(24).toString('hex') },
    [init.ROLLCALL_READER_USER!]: { user: `rc_${suffix}_reader`, password: randomBytes(24).toString('hex') },
  };
  const loaderAccount = accounts[init.ROLLCALL_LOADER_USER!]!;
  const readerAccount = accounts[init.ROLLCALL_READER_USER!]!;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rollcall-stack-'));
    target = {
      server: { host: t.config.host, port: t.config.port },
      database: t.config.database,
      accounts,
      binds: { './data/raw': FIXTURE, './reports': join(dir, 'reports') },
      volumesDir: join(dir, 'volumes'),
    };
    // The init script's own statements, with its password files mapped like the jobs' ones.
    const sql = await accountsSql({
      MYSQL_DATABASE: t.config.database,
      ROLLCALL_LOADER_USER: loaderAccount.user,
      ROLLCALL_READER_USER: readerAccount.user,
      ...(await jobEnvironment(stack, 'loader', target).then((env) => ({
        ROLLCALL_LOADER_PASSWORD_FILE: env.MYSQL_PASSWORD_FILE!,
      }))),
      ...(await jobEnvironment(stack, 'reader', target).then((env) => ({
        ROLLCALL_READER_PASSWORD_FILE: env.MYSQL_PASSWORD_FILE!,
      }))),
    });
    for (const statement of sql
      .split(/;\s*$/m)
      .map((s) => s.trim())
      .filter(Boolean))
      await t.db.raw(statement);
  });

  afterAll(async () => {
    await t?.db
      .raw('DROP USER IF EXISTS ??@?, ??@?', [loaderAccount.user, '%', readerAccount.user, '%'])
      .catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("passes the loader's configuration, with the password read from the stack's secret file", async () => {
    const env = await jobEnvironment(stack, 'loader', target);
    const config = readLoaderConfig(env);
    expect(config.db).toMatchObject({
      host: t.config.host,
      port: t.config.port,
      user: loaderAccount.user,
      password: loaderAccount.password,
      database: t.config.database,
    });
    expect(config.dataDir).toBe(FIXTURE);
    expect(config.reportsDir).toBe(join(dir, 'reports'));
  });

  it("passes the reader's configuration, with the password read from the stack's secret file", async () => {
    const env = await jobEnvironment(stack, 'reader', target);
    const config = toSharedConfig(readEnv(env, {}));
    expect(config.db).toMatchObject({
      user: readerAccount.user,
      password: readerAccount.password,
      database: t.config.database,
    });
    expect(config.reportsDir).toBe(join(dir, 'reports'));
  });

  it('loads as the loader account and reports as the reader account, as the stack runs them', async () => {
    // The job's environment is the stack's, plus what any process needs to start (PATH).
    const load = await runJob(LOADER_MAIN, await jobEnvironment(stack, 'loader', target));
    expect(`${load.stdout}${load.stderr}`).toContain('"msg":"load complete"');
    expect(load.code).toBe(0);
    const report = await runJob(READER_MAIN, await jobEnvironment(stack, 'reader', target));
    expect(report.code).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 'reports', 'summary_output.json'), 'utf8'));
    expect(summary).toEqual({ Scotland: 2, Polska: 1, 'Northern Ireland': 1 });
    expect(await readdir(join(dir, 'reports'))).not.toContain('people_export.csv');
  });

  it.skipIf(lacksTool(findMysqlClient() !== undefined, 'the mariadb or mysql client on PATH'))(
    'lets the loader account run sql/loader.sql',
    async () => {
      const run = await runSqlFile(
        findMysqlClient()!,
        { ...t.config, user: loaderAccount.user, password: loaderAccount.password },
        {
          file: join(REPO_ROOT, 'sql/loader.sql'),
          cwd: FIXTURE,
        },
      );
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
    },
  );

  it('lets the reader account read the tables but not change them', async () => {
    const reader: Knex = createDb(
      { ...t.config, user: readerAccount.user, password: readerAccount.password },
      { poolMax: 1 },
    );
    try {
      await reader.raw('SELECT COUNT(*) FROM load_runs');
      await expect(reader.raw('DELETE FROM load_runs')).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
      await expect(reader.raw('CREATE TABLE intruder (id INT)')).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
    } finally {
      await reader.destroy();
    }
  });

  it('gives the loader account no rights outside its database', async () => {
    const loader: Knex = createDb(
      { ...t.config, user: loaderAccount.user, password: loaderAccount.password, database: '' },
      { poolMax: 1 },
    );
    try {
      await expect(loader.raw('CREATE DATABASE ??', [`rc_${suffix}_elsewhere`])).rejects.toMatchObject({
        code: 'ER_DBACCESS_DENIED_ERROR',
      });
    } finally {
      await loader.destroy();
    }
  });
});
