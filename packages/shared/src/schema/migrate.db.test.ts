import { describe, expect, it } from 'vitest';
import { captureLog, statementsOf, tableNames, useTestDatabase } from '@rollcall/testkit';
import { isRollcallError } from '../errors.ts';
import type { Knex } from '../db.ts';
import { appliedMigrations, migrateToLatest } from './migrate.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { createPeopleCountsTable, currentSchemaTables } from './tables.ts';

async function showCreateTable(db: Knex, table: string): Promise<string> {
  const [[row]] = await db.raw('SHOW CREATE TABLE ??', [table]);
  return (row['Create Table'] as string).replace(/ AUTO_INCREMENT=\d+/, '');
}

describe('migrateToLatest', () => {
  const t = useTestDatabase('migrate', { each: true });

  it('creates the schema on a new database and records each migration once, however often it runs', async () => {
    const { log, lines } = captureLog();
    await migrateToLatest(t.db, log);
    await migrateToLatest(t.db, log);
    expect(await tableNames(t.db)).toEqual([
      'knex_migrations',
      'knex_migrations_lock',
      'load_runs',
      'people',
      'people_counts',
      'places',
    ]);
    expect(await appliedMigrations(t.db)).toEqual(['0001-initial-schema', '0002-people-counts']);
    expect(SCHEMA_VERSION).toBe(2);
    expect(lines.filter((line) => line.msg === 'schema migrated')).toEqual([
      expect.objectContaining({ schemaVersion: 2, migrations: ['0001-initial-schema', '0002-people-counts'] }),
    ]);
  });

  it('answers a database already at the latest version with one query, changing nothing', async () => {
    await migrateToLatest(t.db, captureLog().log);
    const statements = await statementsOf(t.db, () => migrateToLatest(t.db, captureLog().log));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/FROM `knex_migrations` ORDER BY id/);
    expect(await appliedMigrations(t.db)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('runs a migration the database has not recorded', async () => {
    await migrateToLatest(t.db, captureLog().log);
    const last = MIGRATIONS.at(-1)!.name;
    await t.db('knex_migrations').where({ name: last }).delete();
    const { log, lines } = captureLog();
    await migrateToLatest(t.db, log);
    expect(lines.filter((line) => line.msg === 'schema migrated')).toEqual([
      expect.objectContaining({ schemaVersion: SCHEMA_VERSION, migrations: [last] }),
    ]);
    expect(await appliedMigrations(t.db)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('frees a migration lock left set by a loader that died mid-migration', async () => {
    await migrateToLatest(t.db, captureLog().log);
    await t.db('knex_migrations_lock').update({ is_locked: 1 });
    await expect(migrateToLatest(t.db, captureLog().log)).resolves.toBeUndefined();
    expect(await t.db('knex_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
  });

  it('refuses a database upgraded by a newer rollcall, changing nothing', async () => {
    await migrateToLatest(t.db, captureLog().log);
    await t.db('knex_migrations').insert({ name: '0003-from-the-future', batch: 2, migration_time: t.db.fn.now() });
    const failure = await migrateToLatest(t.db, captureLog().log).catch((err: unknown) => err);
    expect(isRollcallError(failure, 'SCHEMA_TOO_NEW')).toBe(true);
    expect((failure as Error).message).toMatch(
      /version 3, newer than this loader knows \(version 2; unknown migrations: 0003-from-the-future\)/,
    );
    expect(await appliedMigrations(t.db)).toEqual([
      '0001-initial-schema',
      '0002-people-counts',
      '0003-from-the-future',
    ]);
  });

  it('leaves the tables exactly as tables.ts defines them, which the staging tables are made from', async () => {
    await migrateToLatest(t.db, captureLog().log);
    for (const { name, sql } of currentSchemaTables()) {
      await t.db.raw(
        sql
          .replace(/^CREATE TABLE (\w+)/, 'CREATE TABLE current_$1')
          .replace('REFERENCES places', 'REFERENCES current_places'),
      );
      const current = (await showCreateTable(t.db, `current_${name}`)).replaceAll('current_', '');
      expect(current).toBe(await showCreateTable(t.db, name));
    }
  });

  it('counts the people a version 1 database holds per place and decade when it adds people_counts', async () => {
    await MIGRATIONS[0]!.up(t.db);
    await t.db('places').insert([
      { id: 1, city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' },
      { id: 2, city: 'Newry', county: 'Down', country: 'Northern Ireland' },
      { id: 3, city: 'Empty', county: 'Nobody', country: 'Atlantis' },
    ]);
    const born = (date_of_birth: string, place_id: number) => ({
      given_name: 'G',
      family_name: 'F',
      date_of_birth,
      place_id,
    });
    await t
      .db('people')
      .insert([
        born('1840-01-01', 1),
        born('1849-12-31', 1),
        born('1850-01-01', 1),
        born('1000-01-01', 2),
        born('9999-12-31', 2),
        born('1849-06-15', 2),
      ]);
    // A run that failed after the table was created and filled: the rows are replaced, not added to.
    await t.db.raw(createPeopleCountsTable('people_counts', 'places'));
    await t.db('people_counts').insert({ place_id: 3, decade: 1900, people: 7 });
    await migrateToLatest(t.db, captureLog().log);
    expect(await t.db('people_counts').orderBy(['place_id', 'decade'])).toEqual([
      { place_id: 1, decade: 1840, people: 2 },
      { place_id: 1, decade: 1850, people: 1 },
      { place_id: 2, decade: 1000, people: 1 },
      { place_id: 2, decade: 1840, people: 1 },
      { place_id: 2, decade: 9990, people: 1 },
    ]);
  });

  it('keeps 4-byte characters byte-exact', async () => {
    await migrateToLatest(t.db, captureLog().log);
    const city = 'Łódź 𝔊𐍈 😀';
    await t.db('places').insert({ city, county: 'Ñ', country: 'Ελλάδα' });
    const [row] = await t.db('places').where({ city }).select('city', t.db.raw('HEX(city) AS hex'));
    expect(row.city).toBe(city);
    expect(row.hex).toBe(Buffer.from(city, 'utf8').toString('hex').toUpperCase());
  });
});
