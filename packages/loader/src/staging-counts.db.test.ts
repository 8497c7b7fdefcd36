import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeFor } from '@rollcall/shared';
import { useTestDatabase } from '@rollcall/testkit';
import { dataset, loadFailsWith, loadInto, PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';
import { logWithHook } from './testing/log-hook.ts';
import { sqlNow } from './testing/sql-now.ts';

describe('the loader compares what the server holds in staging with what it sent, before the swap', () => {
  const t = useTestDatabase('staging_counts');
  beforeAll(async () => {
    await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV));
  });

  it.each(['infile', 'insert'])(
    'refuses the swap with LOAD_MISMATCH when a trigger adds rows (LOAD_METHOD=%s)',
    async (method) => {
      const previous = await snapshotTables(t.db);
      // The staging tables exist once the load has started; a trigger on people_next then
      // adds a place for every person, behind the loader's back.
      const hook = logWithHook('load started', () =>
        sqlNow(
          t,
          "CREATE TRIGGER people_next_adds_places AFTER INSERT ON people_next FOR EACH ROW INSERT INTO places_next (id, city, county, country) VALUES (1000 + NEW.id, CONCAT('ghost ', NEW.id), 'x', 'y')",
        ),
      );
      const err = await loadFailsWith(
        t,
        dataset(PLACES_CSV, PEOPLE_CSV),
        'LOAD_MISMATCH',
        { LOAD_METHOD: method },
        hook.log,
      );
      expect(hook.fired()).toBe(true);
      expect(err.message).toMatch(
        /^places\.csv: the server holds 11 rows in places_next but the loader sent 5; .*the previous data is unchanged/,
      );
      expect(err.context).toMatchObject({ file: 'places.csv', table: 'places_next', held: 11, loaded: 5 });
      expect(exitCodeFor(err)).toBe(EXIT_CODES.LOAD_MISMATCH);
      expect(await snapshotTables(t.db)).toEqual(previous);
      expect(await t.db('load_runs').orderBy('id', 'desc').first()).toMatchObject({
        status: 'failed',
        places_loaded: 5,
      });
      expect(await stagingTables()).toEqual([]);
    },
  );

  it.each(['infile', 'insert'])(
    'refuses the swap with LOAD_MISMATCH when the counts per place and decade do not add up to the people sent (LOAD_METHOD=%s)',
    async (method) => {
      const previous = await snapshotTables(t.db);
      const hook = logWithHook('load started', () =>
        sqlNow(
          t,
          'CREATE TRIGGER people_counts_next_inflated BEFORE INSERT ON people_counts_next FOR EACH ROW SET NEW.people = NEW.people + 1',
        ),
      );
      const err = await loadFailsWith(
        t,
        dataset(PLACES_CSV, PEOPLE_CSV),
        'LOAD_MISMATCH',
        { LOAD_METHOD: method },
        hook.log,
      );
      expect(hook.fired()).toBe(true);
      // PEOPLE_CSV: 6 people, each in a (place, decade) of their own: 6 rows that now add up to 12.
      expect(err.message).toMatch(
        /^people\.csv: the server holds 12 people counted in people_counts_next but the loader sent 6; .*the previous data is unchanged/,
      );
      expect(err.context).toMatchObject({ file: 'people.csv', table: 'people_counts_next', held: 12, loaded: 6 });
      expect(exitCodeFor(err)).toBe(EXIT_CODES.LOAD_MISMATCH);
      expect(await snapshotTables(t.db)).toEqual(previous);
      expect(await stagingTables()).toEqual([]);
    },
  );

  async function stagingTables(): Promise<unknown[]> {
    const [tables] = await t.db.raw(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE '%\\_next'",
    );
    return tables as unknown[];
  }
});
