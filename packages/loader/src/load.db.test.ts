import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { peopleCounts, useTestDatabase } from '@rollcall/testkit';
import {
  dataset,
  hex,
  loadInto,
  PEOPLE_CSV as PEOPLE,
  PLACES_CSV as PLACES,
  snapshotTables,
  type Dataset,
} from './testing/datasets.ts';
import { logWithHook } from './testing/log-hook.ts';
import { sqlNow } from './testing/sql-now.ts';

describe('the loader against a real database', () => {
  const t = useTestDatabase('load');

  const load = (data: Dataset, env: Record<string, string> = {}) => loadInto(t, data, env);
  const snapshot = () => snapshotTables(t.db);

  function rejects(data: Dataset, file: string): string[][] {
    return parse(readFileSync(join(data.reports, 'rejects', `${file}.rejects.csv`)), {
      relax_column_count: true,
      bom: false,
    });
  }

  describe.each(['infile', 'insert'])('with LOAD_METHOD=%s', (method) => {
    it('loads a multi-byte dataset whole and byte-exact, and a second run leaves the same data', async () => {
      const data = dataset(PLACES, PEOPLE);
      const first = await load(data, { LOAD_METHOD: method });
      expect(first.method).toBe(method);
      expect(first.places).toMatchObject({ read: 5, loaded: 5, rejected: 0 });
      expect(first.people).toMatchObject({ read: 6, loaded: 6, rejected: 0 });
      const after = await snapshot();
      expect(after.places.map((p: { city: string }) => p.city)).toEqual(
        ['Kelso', 'Łódź', 'Θεσσαλονίκη', '東京', 'Derry, Londonderry'].map(hex),
      );
      expect(after.people).toEqual([
        { id: 1, g: hex('John'), f: hex('Williams'), d: '1842-09-30', p: 1 },
        { id: 2, g: hex('Zoë'), f: hex('Brzęczyszczykiewicz'), d: '2000-02-29', p: 2 },
        { id: 3, g: hex('Αλέξανδρος'), f: hex('Παπαδόπουλος'), d: '1950-01-01', p: 3 },
        { id: 4, g: hex('𠮷野'), f: hex('太郎😀'), d: '1990-12-31', p: 4 },
        { id: 5, g: hex('Seán "Jack"'), f: hex("O'Brien"), d: '1901-05-06', p: 5 },
        { id: 6, g: hex('Multi\nLine'), f: hex('Name'), d: '1970-07-07', p: 1 },
      ]);
      await load(data, { LOAD_METHOD: method });
      expect(await snapshot()).toEqual(after);
    });

    it('counts the people it loads per place and decade exactly as people holds them, in chunks across commits', async () => {
      // 300 places × 7 decades: more count rows than one INSERT batch (2,000); a duplicate place,
      // a conflicting one and rejected people that must not be counted.
      const cities = Array.from({ length: 300 }, (_, i) => `City ${i}`);
      const places = ['city,county,country', ...cities.map((city, i) => `${city},County ${i % 9},Country ${i % 4}`)];
      places.push('City 7,County 7,Country 3', 'City 8,Elsewhere,Country 0'); // a duplicate, a conflict
      const people = ['given_name,family_name,date_of_birth,place_of_birth'];
      for (let i = 0; i < 2_400; i++)
        people.push(`G${i},F${i},${1840 + (i % 7) * 10 + (i % 10)}-0${1 + (i % 9)}-1${i % 9},${cities[i % 300]}`);
      people.push('Bad,Date,1999-02-30,City 1', 'Nowhere,Place,1999-02-03,Atlantis', 'Last,Born,9999-12-31,City 0');
      const summary = await load(dataset(places.join('\n'), people.join('\n')), {
        LOAD_METHOD: method,
        MAX_REJECT_RATIO: '1',
        STAGING_COMMIT_ROWS: '1000',
      });
      expect(summary.people).toMatchObject({ read: 2_403, loaded: 2_401, rejected: 2 });
      const { held, fromPeople } = await peopleCounts(t.db);
      const counts = held as { place_id: number; decade: number; people: number }[];
      expect(counts.length).toBeGreaterThan(2_000);
      expect(counts).toEqual(fromPeople);
      expect(counts.reduce((sum, row) => sum + row.people, 0)).toBe(2_401);
      expect(counts.find((row) => row.decade === 9990)).toEqual({
        place_id: 1,
        decade: 9990,
        people: 1,
      });
    });
  });

  it('counts the people afresh when a cluster conflict starts the load over, not on top of the first attempt', async () => {
    // Set on the staging table once the load has made it, the trigger fails the first attempt's
    // counts, every person counted by then, with a certification conflict (1213, as Galera reports
    // one); it goes with the table, which the retry drops and makes again.
    const hook = logWithHook('load started', () =>
      sqlNow(
        t,
        "SET SESSION lock_wait_timeout = 10; CREATE TRIGGER people_counts_next_conflict BEFORE INSERT ON people_counts_next FOR EACH ROW SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction'",
      ),
    );
    const summary = await loadInto(t, dataset(PLACES, PEOPLE), {}, hook.log);
    expect(hook.fired()).toBe(true);
    expect(summary.people).toMatchObject({ read: 6, loaded: 6 });
    const { held, fromPeople } = await peopleCounts(t.db);
    expect(held).toEqual(fromPeople);
    expect(fromPeople).toHaveLength(6);
  });

  it('records each run in load_runs with file sizes, sha256 and counts', async () => {
    const data = dataset(PLACES, PEOPLE);
    const summary = await load(data);
    const run = await t.db('load_runs').where({ id: summary.runId }).first();
    const sha = (file: string) =>
      createHash('sha256')
        .update(readFileSync(join(data.dir, file)))
        .digest('hex');
    expect(run).toMatchObject({
      status: 'succeeded',
      method: 'infile',
      places_bytes: Buffer.byteLength(PLACES),
      places_sha256: sha('places.csv'),
      people_bytes: Buffer.byteLength(PEOPLE),
      people_sha256: sha('people.csv'),
      rows_read: 11,
      rows_loaded: 11,
      rows_rejected: 0,
    });
    expect(run.finished_at >= run.started_at).toBe(true);
  });

  it('rejects bad rows into the reject file with their physical line, code and original fields', async () => {
    const people = Buffer.concat([
      Buffer.from(
        [
          'place_of_birth,date_of_birth,family_name,given_name', // columns in another order
          'Kelso,1999-02-30,Smith,Ann', // line 2: not a calendar date
          'Kelso,1999/02/03,Smith,Bob', // line 3: malformed date
          'Nowhere,1999-02-03,Smith,Cat', // line 4: unknown place
          'Kelso,1999-02-03,,Dan', // line 5: empty family name
          'Kelso,1999-02-03,Smith', // line 6: field count
          `Kelso,1999-02-03,${'x'.repeat(101)},Eve`, // line 7: too long
          '"kelso",1999-02-03,Smith,"Quoted', // lines 8-9: a quoted newline, then unknown place (case matters)
          'Fay"',
          'Kelso,1999-02-03,Smith\0,Gus', // line 10: NUL
          'Kelso,1999-02-03,Smith,',
        ].join('\n'),
      ),
      Buffer.from([0x48, 0xc3, 0x28, 0x0a]), // completes line 11 as "…,Smith,H\xC3(": invalid UTF-8
      Buffer.from('Kelso,1999-02-03,Good,Row\n'), // line 12: loads
    ]);
    const data = dataset(PLACES, people);
    const summary = await load(data, { MAX_REJECT_RATIO: '1' });
    expect(summary.people).toMatchObject({ read: 10, loaded: 1, rejected: 9 });
    const rows = rejects(data, 'people.csv');
    expect(rows[0]).toEqual(['line', 'code', 'reason', 'place_of_birth', 'date_of_birth', 'family_name', 'given_name']);
    expect(rows.slice(1).map(([line, code]) => [Number(line), code])).toEqual([
      [2, 'BAD_DATE'],
      [3, 'BAD_DATE'],
      [4, 'UNKNOWN_PLACE'],
      [5, 'EMPTY_FIELD'],
      [6, 'FIELD_COUNT'],
      [7, 'TOO_LONG'],
      [8, 'UNKNOWN_PLACE'],
      [10, 'CONTROL_CHAR'],
      [11, 'INVALID_UTF8'],
    ]);
    expect(rows[3]).toEqual([
      '4',
      'UNKNOWN_PLACE',
      'place_of_birth "Nowhere" is not a city in places.csv',
      'Nowhere',
      '1999-02-03',
      'Smith',
      'Cat',
    ]);
    expect(rows[5]![2]).toMatch(/has 3 fields, the header has 4/);
    expect(rows[6]![2]).toMatch(/family_name is 101 characters, longer than 100/);
    // The original bytes, including the invalid ones, are kept as they were.
    const raw = readFileSync(join(data.reports, 'rejects', 'people.csv.rejects.csv'));
    expect(raw.includes(Buffer.from([0x48, 0xc3, 0x28]))).toBe(true);
    const [[loaded]] = await t.db.raw('SELECT given_name, family_name FROM people');
    expect(loaded).toEqual({ given_name: 'Row', family_name: 'Good' });
  });
});
