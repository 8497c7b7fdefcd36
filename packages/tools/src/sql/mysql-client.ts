import { spawn, spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@rollcall/shared';

/** The command-line client on PATH: MariaDB's `mariadb`, else `mysql`; undefined if neither. */
export function findMysqlClient(): string | undefined {
  return ['mariadb', 'mysql'].find((name) => spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0);
}

export interface SqlRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a SQL file the way a user runs sql/loader.sql: `cd <cwd> && client --local-infile=1
 * ... DATABASE < file`. The password goes through an option file (never argv), which both
 * clients read; `initCommand` is sent right after connecting (e.g. SET @max_reject_ratio).
 */
export async function runSqlFile(
  client: string,
  db: Pick<DatabaseConfig, 'host' | 'port' | 'user' | 'password' | 'database'>,
  options: { file: string; cwd: string; initCommand?: string },
): Promise<SqlRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rollcall-client-'));
  try {
    const optionFile = join(dir, 'client.cnf');
    // Option files read backslash escapes (\\ for a backslash); the quotes keep # and spaces.
    await writeFile(optionFile, `[client]\npassword="${db.password.replace(/\\/g, '\\\\')}"\n`, { mode: 0o600 });
    const args = [
      `--defaults-extra-file=${optionFile}`,
      '--local-infile=1',
      `--host=${db.host}`,
      `--port=${db.port}`,
      `--user=${db.user}`,
      '--default-character-set=utf8mb4',
      ...(options.initCommand ? [`--init-command=${options.initCommand}`] : []),
      db.database,
    ];
    const child = spawn(client, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    createReadStream(options.file).pipe(child.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { code, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
