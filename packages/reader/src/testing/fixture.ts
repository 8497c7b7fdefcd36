import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, migrateToLatest, type Knex, type Logger, type SharedConfig } from '@rollcall/shared';
import type { TestDatabase } from '@rollcall/testkit';

export interface FixturePlace {
  city: string;
  county: string;
  country: string;
}

export interface FixturePerson {
  given_name: string;
  family_name: string;
  date_of_birth: string;
  city: string;
}

/**
 * Loads rows as the loader leaves them: the schema, places with ids 1..N in the given order,
 * people pointing at their city's place, people_counts counted from them, and a load_runs row
 * with status 'succeeded'.
 */
export async function loadFixture(db: Knex, places: FixturePlace[], people: FixturePerson[]): Promise<void> {
  await migrateToLatest(db, silentLog);
  await db('places').insert(places.map((place, i) => ({ id: i + 1, ...place })));
  const placeId = new Map(places.map((place, i) => [place.city, i + 1]));
  const rows = people.map(({ city, ...person }, i) => ({ id: i + 1, ...person, place_id: placeId.get(city) }));
  if (rows.length > 0) await db.batchInsert('people', rows, 1000);
  await countPeople(db);
  await recordLoadRun(db, 'succeeded');
}

/**
 * people_counts counted again from people, as a load leaves it: for tests that add people
 * with SQL of their own. The obvious GROUP BY, not the loader's code, so that the reports are
 * checked against an independent count.
 */
export async function countPeople(db: Knex): Promise<void> {
  await db.raw('DELETE FROM people_counts');
  await db.raw(`INSERT INTO people_counts (place_id, decade, people)
    SELECT place_id, YEAR(date_of_birth) DIV 10 * 10 AS decade, COUNT(*) FROM people GROUP BY place_id, decade`);
}

export async function recordLoadRun(db: Knex, status: string): Promise<void> {
  await db('load_runs').insert({
    started_at: db.fn.now(),
    finished_at: status === 'running' ? null : db.fn.now(),
    status,
    method: 'insert',
    places_file: 'data/raw/places.csv',
    people_file: 'data/raw/people.csv',
  });
}

/** The reader's configuration for a test database, writing into a fresh temporary folder. */
export async function readerConfig(t: TestDatabase): Promise<SharedConfig> {
  const reportsDir = await mkdtemp(join(tmpdir(), 'rollcall-reader-'));
  return { db: t.config, reportsDir, logLevel: 'silent' };
}

export const silentLog: Logger = createLogger({ level: 'silent', job: 'reader', pretty: false });

/** Folder contents, hidden files included, or null when the folder does not exist. */
export async function listFolder(dir: string): Promise<string[] | null> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
