import { randomBytes } from 'node:crypto';
import { createDb, type DatabaseConfig, type Knex } from '@rollcall/shared';
import { inject } from 'vitest';

export interface TestDatabase {
  /** A DatabaseConfig for the fresh database, as the jobs would read it from MYSQL_*. */
  config: DatabaseConfig;
  /** A knex connection to it, for arranging and asserting. */
  db: Knex;
  /** The MYSQL_* environment that points a job at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * Creates an empty database of its own for one test file, so files can run in parallel.
 * Call in beforeAll and drop in afterAll.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const server = inject('testServer');
  const name = `rollcall_${label.replace(/\W/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const config: DatabaseConfig = {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: name,
    sslMode: 'preferred',
    waitTimeoutS: 10,
  };
  const admin = createDb({ ...config, database: '' }, { poolMax: 1 });
  try {
    await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_bin', [name]);
  } finally {
    await admin.destroy();
  }
  const db = createDb(config);
  return {
    config,
    db,
    env: {
      MYSQL_HOST: server.host,
      MYSQL_PORT: String(server.port),
      MYSQL_USER: server.user,
      MYSQL_PASSWORD: server.password,
      MYSQL_DATABASE: name,
      DB_WAIT_TIMEOUT_S: '10',
    },
    async drop() {
      await db.raw('DROP DATABASE IF EXISTS ??', [name]);
      await db.destroy();
    },
  };
}
