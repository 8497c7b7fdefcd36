import { execFileSync } from 'node:child_process';
import type { TestDatabase } from '@rollcall/testkit';

/**
 * Runs SQL on the test database with the command-line client, as its admin account:
 * synchronously, so that a log hook (logWithHook) can change the server at an exact point
 * of a load, the load waiting meanwhile.
 */
export function sqlNow(t: TestDatabase, sql: string): void {
  const { host, port, user, password, database } = t.config;
  execFileSync('mysql', [`--host=${host}`, `--port=${port}`, `--user=${user}`, database, '-e', sql], {
    env: { ...process.env, MYSQL_PWD: password },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
