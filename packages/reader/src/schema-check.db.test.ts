import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '@rollcall/shared';
import { useTestDatabase, READER_MAIN, runJob } from '@rollcall/testkit';
import { listFolder, loadFixture, readerConfig } from './testing/fixture.ts';

describe('the schema version the reader reads', () => {
  const t = useTestDatabase('reader_schema');
  beforeAll(async () => {
    await loadFixture(t.db, [{ city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }], []);
  });

  it('refuses a database migrated by a newer rollcall with exit 9, naming both versions, and writes nothing', async () => {
    const future = `${String(SCHEMA_VERSION + 1).padStart(4, '0')}-from-the-future`;
    await t.db('knex_migrations').insert({ name: future, batch: 2, migration_time: t.db.fn.now() });
    const reportsDir = join((await readerConfig(t)).reportsDir, 'reports');
    const run = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reportsDir });
    expect(run.code).toBe(9);
    expect(run.lines.at(-1)).toMatchObject({
      code: 'SCHEMA_TOO_NEW',
      schemaVersion: SCHEMA_VERSION + 1,
      knownVersion: SCHEMA_VERSION,
      exitCode: 9,
    });
    expect(String(run.lines.at(-1)?.msg)).toContain(
      `newer than this reader knows (version ${SCHEMA_VERSION}; unknown migrations: ${future})`,
    );
    expect((await listFolder(reportsDir)) ?? []).toEqual([]);
  });

  it('refuses a database no loader of this release has upgraded with exit 9, telling to run the loader once', async () => {
    // The database as version 1 left it: the last migration undone and unrecorded.
    const last = MIGRATIONS.at(-1)!;
    await last.down!(t.db);
    await t.db('knex_migrations').where({ name: last.name }).delete();
    await t.db('knex_migrations').where('name', 'like', '%-from-the-future').delete();
    const reportsDir = join((await readerConfig(t)).reportsDir, 'reports');
    const run = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reportsDir });
    expect(run.code).toBe(9);
    expect(run.lines.at(-1)).toMatchObject({
      code: 'SCHEMA_TOO_OLD',
      schemaVersion: SCHEMA_VERSION - 1,
      knownVersion: SCHEMA_VERSION,
      exitCode: 9,
    });
    expect(String(run.lines.at(-1)?.msg)).toContain(
      `older than this reader reads (version ${SCHEMA_VERSION}): no loader of this release has upgraded it yet. ` +
        'Run the loader once (npm run load)',
    );
    expect((await listFolder(reportsDir)) ?? []).toEqual([]);
  });
});
