import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@rollcall/shared';
import { runChild, type ChildRun } from '../bench/run-child.ts';

/** The command-line client on PATH: MariaDB's `mariadb`, else `mysql`; undefined if neither. */
export function findMysqlClient(): string | undefined {
  return ['mariadb', 'mysql'].find((name) => spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0);
}

/**
 * Runs a SQL file the way a user runs sql/loader.sql: `cd <cwd> && client --local-infile=1
 * ... DATABASE < file`, timed from spawn to exit. The password goes through an option file,
 * which both clients read: never argv or the environment, where other users of the machine
 * could read it. `initCommand` is sent right after connecting (e.g. SET @max_reject_ratio).
 */
export async function runSqlFile(
  client: string,
  db: Pick<DatabaseConfig, 'host' | 'port' | 'user' | 'password' | 'database'>,
  options: { file: string; cwd: string; initCommand?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<ChildRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rollcall-client-'));
  try {
    const optionFile = join(dir, 'client.cnf');
    // Option files read backslash escapes (\\ for a backslash); the quotes keep # and spaces.
    await writeFile(optionFile, `[client]\npassword="${db.password.replace(/\\/g, '\\\\')}"\n`, { mode: 0o600 });
    const args = [
      `--defaults-extra-file=${optionFile}`,
      '--local-infile=1',
      '--protocol=TCP',
      `--host=${db.host}`,
      `--port=${db.port}`,
      `--user=${db.user}`,
      '--default-character-set=utf8mb4',
      ...(options.initCommand ? [`--init-command=${options.initCommand}`] : []),
      db.database,
    ];
    return await runChild(client, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdinFile: options.file,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
