import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, type Knex } from '@rollcall/shared';
import {
  createRelease01Schema,
  peopleCounts,
  useTestDatabase,
  LOADER_MAIN,
  READER_MAIN,
  runJob,
} from '@rollcall/testkit';

const PLAIN_DATASET = fileURLToPath(new URL('../packages/loader/fixtures/plain/', import.meta.url));

/** An installation of rollcall 0.1.0: its schema.sql applied, one dataset loaded, a history of runs. */
async function installRelease01(db: Knex): Promise<void> {
  await createRelease01Schema(db);
  await db('places').insert([
    { id: 1, city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' },
    { id: 2, city: 'Newry', county: 'Down', country: 'Northern Ireland' },
  ]);
  const person = (id: number, date_of_birth: string, place_id: number) => ({
    id,
    given_name: 'Old',
    family_name: 'Data',
    date_of_birth,
    place_id,
  });
  await db('people').insert([
    person(1, '1900-01-01', 1),
    person(2, '1909-12-31', 1),
    person(3, '1910-01-01', 1),
    person(4, '1842-06-15', 2),
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
      rows_loaded: 6,
    },
  ]);
}

describe('upgrading an installation of rollcall 0.1.0, made before migrations', () => {
  const t = useTestDatabase('upgrade');
  let reports: string;
  let refusedData: string;
  beforeAll(async () => {
    reports = await mkdtemp(join(tmpdir(), 'rollcall-upgrade-'));
    // A load the reject limit refuses: every person born in a place places.csv lacks.
    refusedData = await mkdtemp(join(tmpdir(), 'rollcall-upgrade-refused-'));
    await writeFile(join(refusedData, 'places.csv'), 'city,county,country\nKelso,Roxburghshire,Scotland\n');
    await writeFile(
      join(refusedData, 'people.csv'),
      'given_name,family_name,date_of_birth,place_of_birth\nAnn,Smith,1980-01-02,Atlantis\n',
    );
    await installRelease01(t.db);
  });
  afterAll(async () => {
    for (const dir of [reports, refusedData]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  const summary = async () => JSON.parse(await readFile(join(reports, 'summary_output.json'), 'utf8'));

  it('is refused by the new reader until a loader has upgraded it (exit 9), writing nothing', async () => {
    const read = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reports });
    expect(read.code).toBe(9);
    expect(read.lines.at(-1)).toMatchObject({ code: 'SCHEMA_TOO_OLD', schemaVersion: 1, knownVersion: SCHEMA_VERSION });
    expect(String(read.lines.at(-1)?.msg)).toMatch(/Run the loader once \(npm run load\), which upgrades it/);
    await expect(summary()).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is migrated even by a load that is refused: the counts are those of the people it holds, and the reader reads them', async () => {
    const load = await runJob(LOADER_MAIN, { ...t.env, DATA_DIR: refusedData, REPORTS_DIR: reports });
    expect(load.code).toBe(5);
    expect(load.lines.find((line) => line.msg === 'schema migrated')).toMatchObject({ schemaVersion: SCHEMA_VERSION });
    const counts = await peopleCounts(t.db);
    expect(counts.held).toEqual([
      { place_id: 1, decade: 1900, people: 2 },
      { place_id: 1, decade: 1910, people: 1 },
      { place_id: 2, decade: 1840, people: 1 },
    ]);
    expect(counts.held).toEqual(counts.fromPeople);

    const read = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reports });
    expect(read.code).toBe(0);
    expect(await summary()).toEqual({ Scotland: 3, 'Northern Ireland': 1 });
    expect(JSON.parse(await readFile(join(reports, 'births_by_decade.json'), 'utf8'))).toEqual([
      { decade: 1840, people: 1 },
      { decade: 1900, people: 2 },
      { decade: 1910, people: 1 },
    ]);
  });

  it('keeps its load_runs history through the upgrade, and the next load swaps in new people with their counts', async () => {
    const historyBefore = (await t.db('load_runs').orderBy('id')).slice(0, 2);
    const load = await runJob(LOADER_MAIN, { ...t.env, DATA_DIR: PLAIN_DATASET, REPORTS_DIR: reports });
    expect(load.code).toBe(0);

    expect((await t.db('knex_migrations').select('name')).map((row) => row.name)).toEqual(
      MIGRATIONS.map((migration) => migration.name),
    );
    const history = await t.db('load_runs').orderBy('id');
    expect(history.slice(0, 2)).toEqual(historyBefore);
    expect(history.slice(2)).toEqual([
      expect.objectContaining({ id: 3, status: 'refused' }),
      expect.objectContaining({ id: 4, status: 'succeeded', method: 'infile' }),
    ]);
    const counts = await peopleCounts(t.db);
    expect(counts.held).toEqual(counts.fromPeople);
    expect(counts.held).toHaveLength(2);

    const read = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reports });
    expect(read.code).toBe(0);
    expect(await summary()).toEqual({ Scotland: 1, Polska: 1 });
  });
});
