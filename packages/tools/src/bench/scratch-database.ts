import { randomBytes } from 'node:crypto';
import { createDb, type DatabaseConfig, type Knex } from '@rollcall/shared';

/**
 * A database of the benchmark's own on the MYSQL_* server, so that nothing else is touched
 * and two benchmarks never meet. Every measured step starts from it freshly recreated,
 * empty, so no step inherits tables, rows or statistics from the one before.
 */
export interface ScratchDatabase {
  name: string;
  config: DatabaseConfig;
  /** The environment of a job pointed at the scratch database. */
  env: NodeJS.ProcessEnv;
  reset(): Promise<void>;
  drop(): Promise<void>;
  /** A fresh connection to the scratch database for `fn`, closed afterwards. */
  use<T>(fn: (db: Knex) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createScratchDatabase(server: DatabaseConfig, env: NodeJS.ProcessEnv): Promise<ScratchDatabase> {
  const name = `rollcall_bench_${randomBytes(3).toString('hex')}`;
  const admin = createDb({ ...server, database: '' }, { poolMax: 1 });
  const config = { ...server, database: name };
  const create = () => admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_bin', [name]);
  const drop = () => admin.raw('DROP DATABASE IF EXISTS ??', [name]);
  try {
    await create();
  } catch (err) {
    await admin.destroy();
    throw err;
  }
  return {
    name,
    config,
    env: { ...env, MYSQL_DATABASE: name },
    async reset() {
      await drop();
      await create();
    },
    async drop() {
      await drop();
    },
    async use(fn) {
      const db = createDb(config, { poolMax: 1 });
      try {
        return await fn(db);
      } finally {
        await db.destroy();
      }
    },
    close: () => admin.destroy(),
  };
}

/** COUNT(*) of a table of the scratch database. */
export async function countRows(db: Knex, table: string): Promise<number> {
  const [rows] = (await db.raw('SELECT COUNT(*) AS n FROM ??', [table])) as [Array<{ n: number | string }>];
  return Number(rows[0]!.n);
}
