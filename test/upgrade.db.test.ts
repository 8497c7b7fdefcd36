import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Knex } from '@rollcall/shared';
import { createRelease01Schema, useTestDatabase, LOADER_MAIN, READER_MAIN, runJob } from '@rollcall/testkit';

const PLAIN_DATASET = fileURLToPath(new URL('../packages/loader/fixtures/plain/', import.meta.url));

/** An installation of rollcall 0.1.0: its schema.sql applied, one dataset loaded, a history of runs. */
async function installRelease01(db: Knex): Promise<void> {
  await createRelease01Schema(db);
  await db('places').insert([{ id: 1, city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }]);
  await db('people').insert([
    { id: 1, given_name: 'Old', family_name: 'Data', date_of_birth: '1900-01-01', place_id: 1 },
  ]);
  const run = { method: 'infile', places_file: 'data/raw/places.csv', people_file: 'data/raw/people.csv' };
  await db('load_runs').insert([
    {
      ...run,
      started_at: '2026-11-01 10:00:00.000',
      finished_at: '2026-11-01 10:00:01.000',
      status: 'failed',
      message: 'people.csv: missing',
    },
    {
      ...run,
      started_at: '2026-11-02 10:00:00.000',
      finished_at: '2026-11-02 10:00:01.000',
      status: 'succeeded',
      rows_loaded: 2,
    },
  ]);
}

describe('upgrading an installation of rollcall 0.1.0, made before migrations', () => {
  const t = useTestDatabase('upgrade');
  let reports: string;
  beforeAll(async () => {
    reports = await mkdtemp(join(tmpdir(), 'rollcall-upgrade-'));
    await installRelease01(t.db);
  });

  const summary = async () => JSON.parse(await readFile(join(reports, 'summary_output.json'), 'utf8'));

  it('is read by the new reader as it stands', async () => {
    const read = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reports });
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    expect(await summary()).toEqual({ Scotland: 1 });
  });

  it('is migrated by the next load, keeping its load_runs history, and the reader reads the new data', async () => {
    const historyBefore = await t.db('load_runs').orderBy('id');
    const load = await runJob(LOADER_MAIN, { ...t.env, DATA_DIR: PLAIN_DATASET, REPORTS_DIR: reports });
    expect(load.code).toBe(0);
    expect(load.lines.find((line) => line.msg === 'schema migrated')).toMatchObject({ schemaVersion: SCHEMA_VERSION });

    expect((await t.db('knex_migrations').select('name')).map((row) => row.name)).toEqual(['0001-initial-schema']);
    const history = await t.db('load_runs').orderBy('id');
    expect(history.slice(0, 2)).toEqual(historyBefore);
    expect(history.slice(2)).toEqual([expect.objectContaining({ id: 3, status: 'succeeded', method: 'infile' })]);

    const read = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reports });
    expect(read.code).toBe(0);
    expect(await summary()).toEqual({ Scotland: 1, Polska: 1 });
  });
});
