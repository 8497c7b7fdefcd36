import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, EXIT_CODES, type Knex } from '@rollcall/shared';
import { useTestDatabase, LOADER_MAIN, runJob } from '@rollcall/testkit';
import { loadInto, snapshotTables, type Dataset } from './testing/datasets.ts';
import { leftoverTables } from './testing/interrupted-load.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

/** A dataset of `people` rows spread over the given places, in a pattern of its own. */
function generated(places: [string, string, string][], people: number): Dataset {
  const placesCsv = ['city,county,country', ...places.map((place) => place.join(','))].join('\n');
  const rows = ['given_name,family_name,date_of_birth,place_of_birth'];
  for (let i = 0; i < people; i++)
    rows.push(
      `Given${i},Family${i % 97},19${String(i % 100).padStart(2, '0')}-01-01,${places[(i * i) % places.length]![0]}`,
    );
  return tempDataset(placesCsv, rows.join('\n'));
}

const A = () =>
  generated(
    [
      ['Kelso', 'Roxburghshire', 'Scotland'],
      ['Łódź', 'łódzkie', 'Polska'],
      ['Cork', 'Cork', 'Éire'],
    ],
    3_000,
  );
const B = () =>
  generated(
    [
      ['東京', '東京都', '日本'],
      ['Kelso', 'Roxburghshire', 'Scotland'],
      ['Lyon', 'Rhône', 'France'],
      ['Turku', 'Varsinais-Suomi', 'Suomi'],
    ],
    5_000,
  );

/** What a report reads, in one statement: people per country, and the row counts. */
async function observe(db: Knex): Promise<string> {
  const [rows] = await db.raw(
    'SELECT pl.country, COUNT(*) AS n, (SELECT COUNT(*) FROM people) AS people, (SELECT COUNT(*) FROM places) AS places ' +
      'FROM people p JOIN places pl ON pl.id = p.place_id GROUP BY pl.country ORDER BY pl.country',
  );
  return JSON.stringify(rows);
}

describe('loads and readers at the same time', () => {
  const t = useTestDatabase('concurrency');
  let reader: Knex;
  const seen = { a: '', b: '' };
  let snapshots: { a: unknown; b: unknown };
  beforeAll(async () => {
    reader = createDb(t.config, { poolMax: 2 });
    await loadInto(t, A());
    seen.a = await observe(t.db);
    const a = await snapshotTables(t.db);
    await loadInto(t, B());
    seen.b = await observe(t.db);
    snapshots = { a, b: await snapshotTables(t.db) };
  });
  afterAll(async () => {
    await reader?.destroy();
  });

  it('shows a reader querying throughout alternating loads the old snapshot or the new one, never a mix', async () => {
    const observed = new Map<string, number>();
    let loading = true;
    const readLoop = (async () => {
      while (loading) {
        const view = await observe(reader);
        observed.set(view, (observed.get(view) ?? 0) + 1);
      }
    })();
    try {
      for (const next of [A, B, A, B, A, B]) await loadInto(t, next());
    } finally {
      loading = false;
      await readLoop;
    }
    // Every view the reader got is one whole dataset; it saw both, many times.
    expect([...observed.keys()].sort()).toEqual([seen.a, seen.b].sort());
    expect(observed.get(seen.a)).toBeGreaterThan(2);
    expect(observed.get(seen.b)).toBeGreaterThan(2);
  });

  it('lets two loaders of different datasets started at once end with exactly one of them', async () => {
    const results = await Promise.all(
      [A(), B()].map((data) => runJob(LOADER_MAIN, { ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports })),
    );
    const codes = results.map((result) => result.code);
    expect(codes).toContain(EXIT_CODES.OK);
    for (const code of codes) expect([EXIT_CODES.OK, EXIT_CODES.LOAD_LOCKED]).toContain(code);
    const after = await snapshotTables(t.db);
    expect([snapshots.a, snapshots.b]).toContainEqual(after);
    // The one that ran is the one whose data is there.
    if (codes.filter((code) => code === EXIT_CODES.OK).length === 1) {
      expect(after).toEqual(codes[0] === EXIT_CODES.OK ? snapshots.a : snapshots.b);
    }
    expect(await leftoverTables(t.db)).toEqual([]);
  });
});
