import { randomBytes } from 'node:crypto';
import { createDb, type DatabaseConfig, type Knex } from '@rollcall/shared';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';

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

/**
 * A database of the test file's own, created before its tests (or before each test, with
 * `each`) and dropped after them: the create-and-drop pattern in one place. Call it in a
 * describe block, before that block's own hooks, which then find the database ready:
 *
 *   const t = useTestDatabase('loader');
 *   beforeAll(() => loadFixture(t.db, …));
 *
 * Read its fields in hooks and tests only: the database exists once the hook has run.
 */
export function useTestDatabase(label = 'test', options: { each?: boolean } = {}): TestDatabase {
  let current: TestDatabase | undefined;
  (options.each ? beforeEach : beforeAll)(async () => {
    current = await createTestDatabase(label);
  });
  (options.each ? afterEach : afterAll)(async () => {
    await current?.drop();
    current = undefined;
  });
  const ready = (): TestDatabase => {
    if (!current) throw new Error(`useTestDatabase('${label}'): the database exists only inside hooks and tests`);
    return current;
  };
  return {
    get config() {
      return ready().config;
    },
    get db() {
      return ready().db;
    },
    get env() {
      return ready().env;
    },
    drop: () => ready().drop(),
  };
}
