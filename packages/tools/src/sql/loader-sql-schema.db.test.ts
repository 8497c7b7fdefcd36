import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appliedMigrations, migrateToLatest, MIGRATIONS, SCHEMA_VERSION, type Knex } from '@rollcall/shared';
import { captureLog, createRelease01Schema, createTestDatabase, lacksTool, useTestDatabase } from '@rollcall/testkit';
import { findMysqlClient, runSqlFile } from './mysql-client.ts';

const LOADER_SQL = fileURLToPath(new URL('../../../../sql/loader.sql', import.meta.url));
const DATASET = fileURLToPath(new URL('./fixtures/crlf/', import.meta.url));
const TABLES = ['places', 'people', 'people_counts', 'load_runs', 'knex_migrations', 'knex_migrations_lock'];
const client = findMysqlClient();

/** Each table as the server describes it, without the AUTO_INCREMENT counter its rows moved. */
async function definitions(db: Knex): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const [[row]] = await db.raw('SHOW CREATE TABLE ??', [table]);
    result[table] = (row['Create Table'] as string).replace(/ AUTO_INCREMENT=\d+/, '');
  }
  return result;
}

describe.skipIf(lacksTool(client !== undefined, 'the mariadb or mysql client on PATH'))(
  "sql/loader.sql and the migrations' schema",
  () => {
    const t = useTestDatabase('loader_sql_schema', { each: true });

    // The dataset has one bad row on purpose; the reject limit is not what these tests are about.
    const load = () =>
      runSqlFile(client!, t.config, { file: LOADER_SQL, cwd: DATASET, initCommand: 'SET @max_reject_ratio = 1' });

    it('builds on a new database exactly the tables and migration records the migrations build', async () => {
      const run = await load();
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      const migrated = await createTestDatabase('loader_sql_schema_migrated');
      try {
        await migrateToLatest(migrated.db, captureLog().log);
        expect(await definitions(t.db)).toEqual(await definitions(migrated.db));
        expect(await appliedMigrations(t.db)).toEqual(await appliedMigrations(migrated.db));
        expect(await t.db('knex_migrations_lock').select()).toEqual(await migrated.db('knex_migrations_lock').select());
      } finally {
        await migrated.drop();
      }
      const { log, lines } = captureLog();
      await migrateToLatest(t.db, log);
      expect(lines.filter((line) => line.msg === 'schema migrated')).toEqual([]);
    });

    it('takes a database made before migrations as schema version 1, refused until npm run load migrates it, its history kept', async () => {
      await createRelease01Schema(t.db);
      await t.db('load_runs').insert({
        started_at: '2026-11-01 10:00:00',
        status: 'succeeded',
        method: 'infile',
        places_file: 'p',
        people_file: 'q',
      });
      // Version 2 fills people_counts from the people already there: a migration, not a CREATE.
      const refused = await load();
      expect(refused.exitCode).not.toBe(0);
      expect(refused.stdout).toContain(
        `the database schema is at version 1, older than this loader.sql (${SCHEMA_VERSION}); ` +
          'run the TypeScript loader (npm run load) once to migrate it',
      );
      expect(await appliedMigrations(t.db)).toEqual(['0001-initial-schema']);
      await migrateToLatest(t.db, captureLog().log);
      const run = await load();
      expect(run.exitCode).toBe(0);
      expect(await appliedMigrations(t.db)).toEqual(MIGRATIONS.map((migration) => migration.name));
      expect(
        (await t.db('load_runs').orderBy('id')).map((r: { status: string; method: string }) => [r.method, r.status]),
      ).toEqual([
        ['infile', 'succeeded'],
        ['sql', 'succeeded'],
      ]);
    });

    it('refuses, naming both versions, a database a newer rollcall migrated, and changes nothing', async () => {
      await migrateToLatest(t.db, captureLog().log);
      await t
        .db('knex_migrations')
        .insert({ name: `${String(SCHEMA_VERSION + 1).padStart(4, '0')}-from-the-future`, batch: 2 });
      const run = await load();
      expect(run.exitCode).not.toBe(0);
      expect(run.stdout).toContain(
        `the database schema is at version ${SCHEMA_VERSION + 1}, newer than this loader.sql knows (${SCHEMA_VERSION}); ` +
          'use sql/loader.sql of the rollcall release that migrated it',
      );
      expect(await t.db('load_runs').count({ n: '*' }).first()).toEqual({ n: 0 });
      expect(await t.db('places').count({ n: '*' }).first()).toEqual({ n: 0 });
    });
  },
);
