import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { dataset, loadFailsWith, loadInto, PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';

describe('a failed or refused load keeps the previous data exactly as it was', () => {
  const t = useTestDatabase('refusal');
  let before: Awaited<ReturnType<typeof snapshotTables>>;
  beforeAll(async () => {
    await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV));
    before = await snapshotTables(t.db);
  });
  beforeEach(async () => {
    expect(await snapshotTables(t.db)).toEqual(before);
  });

  async function expectUnchangedAndRecorded(status: string) {
    expect(await snapshotTables(t.db)).toEqual(before);
    const tables = await t.db.raw(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND (table_name LIKE '%\\_next' OR table_name LIKE '%\\_old')",
    );
    expect(tables[0].filter((r: { name: string }) => r.name.startsWith('p'))).toEqual([]);
    const last = await t.db('load_runs').orderBy('id', 'desc').first();
    expect(last.status).toBe(status);
    return last;
  }

  it('refuses a load whose rejects exceed MAX_REJECT_RATIO, and still writes the reject file', async () => {
    const people = `${PEOPLE_CSV}\r\nAnn,Smith,1999-02-30,Kelso`;
    const data = dataset(PLACES_CSV, people);
    const err = await loadFailsWith(t, data, 'REJECT_LIMIT', { MAX_REJECT_RATIO: '0.1' });
    expect(err.message).toMatch(/people\.csv: 1 of 7 rows rejected \(14\.29%\), more than MAX_REJECT_RATIO=0\.1/);
    const run = await expectUnchangedAndRecorded('refused');
    expect(run).toMatchObject({ people_read: 7, people_loaded: 6, people_rejected: 1 });
    expect(readFileSync(join(data.reports, 'rejects', 'people.csv.rejects.csv'), 'utf8')).toMatch(/^9,BAD_DATE,/m);
  });

  /** Found at start, before the database is touched: no run is recorded. */
  async function expectUnchangedAndNotRecorded(runsBefore: unknown) {
    expect(await snapshotTables(t.db)).toEqual(before);
    expect(await t.db('load_runs').count({ n: '*' })).toEqual(runsBefore);
  }

  it('stops on a missing file at start, naming it', async () => {
    const runs = await t.db('load_runs').count({ n: '*' });
    const err = await loadFailsWith(t, dataset(PLACES_CSV, undefined), 'INPUT_MISSING');
    expect(err.message).toMatch(/people\.csv: cannot open .*people\.csv \(ENOENT\)/);
    await expectUnchangedAndNotRecorded(runs);
  });

  it('stops on an empty file at start', async () => {
    const runs = await t.db('load_runs').count({ n: '*' });
    const err = await loadFailsWith(t, dataset('', PEOPLE_CSV), 'INPUT_EMPTY');
    expect(err.context).toMatchObject({ file: 'places.csv', line: 1 });
    await expectUnchangedAndNotRecorded(runs);
  });

  it('stops on a file with a header and no rows', async () => {
    const err = await loadFailsWith(
      t,
      dataset(PLACES_CSV, 'given_name,family_name,date_of_birth,place_of_birth\n'),
      'INPUT_EMPTY',
    );
    expect(err.message).toMatch(/people\.csv: no data rows after the header/);
    await expectUnchangedAndRecorded('failed');
  });

  it('stops on a header without the required columns, naming them and the expected header', async () => {
    const err = await loadFailsWith(
      t,
      dataset(PLACES_CSV, 'first,last,date_of_birth,place_of_birth\nA,B,2000-01-01,Kelso\n'),
      'BAD_HEADER',
    );
    expect(err.message).toMatch(
      /people\.csv line 1: header lacks required columns given_name, family_name; expected given_name,family_name,date_of_birth,place_of_birth/,
    );
    expect(err.context).toMatchObject({ file: 'people.csv', line: 1, missing: ['given_name', 'family_name'] });
    await expectUnchangedAndRecorded('failed');
  });

  it('stops on an unterminated quote, naming the line where the record starts', async () => {
    const people =
      'given_name,family_name,date_of_birth,place_of_birth\nA,B,2000-01-01,Kelso\nC,"D,2000-01-01,Kelso\nE,F,2000-01-01,Kelso\n';
    const err = await loadFailsWith(t, dataset(PLACES_CSV, people), 'BAD_CSV');
    expect(err.context).toMatchObject({ file: 'people.csv', line: 3 });
    expect(err.message).toMatch(/people\.csv line 3: .*never closed/);
    await expectUnchangedAndRecorded('failed');
  });

  it('fails clearly instead of waiting forever when a reader keeps the tables busy at the swap', async () => {
    const reader = await t.db.transaction();
    try {
      await reader.raw('SELECT COUNT(*) FROM people');
      const err = await loadFailsWith(
        t,
        dataset(PLACES_CSV, `${PEOPLE_CSV}\r\nAnn,Smith,1999-02-03,Kelso`),
        'SWAP_TIMEOUT',
        { SWAP_WAIT_TIMEOUT_S: '1' },
      );
      expect(err.message).toMatch(/other sessions kept using the tables for 1 s/);
    } finally {
      await reader.rollback();
    }
    await expectUnchangedAndRecorded('failed');
  });

  it('reports a city listed twice with different counties as a conflict, and drops exact duplicates', async () => {
    const places = `${PLACES_CSV}\nKelso,Roxburghshire,Scotland\nKelso,Berwickshire,Scotland`;
    const data = dataset(places, PEOPLE_CSV);
    const summary = await loadInto(t, data, { MAX_REJECT_RATIO: '1' });
    expect(summary.places).toMatchObject({ read: 7, loaded: 5, duplicates: 1, rejected: 1 });
    const rejects = readFileSync(join(data.reports, 'rejects', 'places.csv.rejects.csv'), 'utf8');
    expect(rejects).toMatch(
      /^8,PLACE_CONFLICT,"city ""Kelso"" is already in ""Roxburghshire"", ""Scotland"" \(line 2\); this row says ""Berwickshire"", ""Scotland""",Kelso,Berwickshire,Scotland$/m,
    );
    const run = await t.db('load_runs').orderBy('id', 'desc').first();
    expect(run).toMatchObject({
      status: 'succeeded',
      places_read: 7,
      places_loaded: 5,
      places_duplicates: 1,
      places_rejected: 1,
    });
    // This test replaced the dataset; put the original back for the others.
    await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV));
  });
});
