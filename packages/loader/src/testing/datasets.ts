import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { isRollcallError, type ErrorCode, type Knex, type Logger } from '@rollcall/shared';
import { captureLog, type TestDatabase } from '@rollcall/testkit';
import { readLoaderConfig } from '../config.ts';
import { runLoad, type LoadSummary } from '../load.ts';

/** A multi-byte places.csv: quoted city with a comma, Greek, Polish, CJK. */
export const PLACES_CSV = [
  'city,county,country',
  'Kelso,Roxburghshire,Scotland',
  'Łódź,łódzkie,Polska',
  'Θεσσαλονίκη,Κεντρική Μακεδονία,Ελλάδα',
  '東京,東京都,日本',
  '"Derry, Londonderry",County Londonderry,Northern Ireland',
].join('\n');

/** People for PLACES_CSV: CRLF line ends, 4-byte characters, quotes, a quoted newline. */
export const PEOPLE_CSV = [
  'given_name,family_name,date_of_birth,place_of_birth',
  'John,Williams,1842-09-30,Kelso',
  'Zoë,Brzęczyszczykiewicz,2000-02-29,Łódź',
  'Αλέξανδρος,Παπαδόπουλος,1950-01-01,Θεσσαλονίκη',
  '𠮷野,太郎😀,1990-12-31,東京',
  '"Seán ""Jack""",O\'Brien,1901-05-06,"Derry, Londonderry"',
  '"Multi\nLine",Name,1970-07-07,Kelso',
].join('\r\n');

export interface Dataset {
  dir: string;
  reports: string;
}

/**
 * One folder per test file for every dataset it writes, removed after the file's tests.
 * (Registered when a test file imports this module: vitest ends its workers without
 * running process 'exit' handlers.)
 */
let datasetsRoot: string | undefined;
afterAll(() => {
  if (datasetsRoot !== undefined) rmSync(datasetsRoot, { recursive: true, force: true });
  datasetsRoot = undefined;
});
function datasetsFolder(): string {
  datasetsRoot ??= mkdtempSync(join(tmpdir(), 'rollcall-load-'));
  return datasetsRoot;
}

/** A temporary DATA_DIR with the given files (undefined leaves a file out). */
export function dataset(places: string | Buffer | undefined, people: string | Buffer | undefined): Dataset {
  const dir = mkdtempSync(join(datasetsFolder(), 'dataset-'));
  if (places !== undefined) writeFileSync(join(dir, 'places.csv'), places);
  if (people !== undefined) writeFileSync(join(dir, 'people.csv'), people);
  return { dir, reports: join(dir, 'reports') };
}

/** Runs the loader in-process against a test database (with `log`: to act at a point of the run). */
export function loadInto(
  t: TestDatabase,
  data: Dataset,
  env: Record<string, string> = {},
  log: Logger = captureLog('warn', 'loader').log,
): Promise<LoadSummary> {
  const config = readLoaderConfig({ ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports, ...env });
  return runLoad(config, { log });
}

/** Runs the loader and returns the RollcallError it must fail with. */
export async function loadFailsWith(
  t: TestDatabase,
  data: Dataset,
  code: ErrorCode,
  env: Record<string, string> = {},
  log?: Logger,
) {
  const err = await loadInto(t, data, env, log).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isRollcallError(err, code)) throw new Error(`expected ${code}, got ${String(err)}`);
  return err;
}

/** The tables of a dataset, byte for byte (HEX), to compare a dataset before and after. */
export async function snapshotTables(db: Knex) {
  const [places] = await db.raw(
    'SELECT id, HEX(city) AS city, HEX(county) AS county, HEX(country) AS country FROM places ORDER BY id',
  );
  const [people] = await db.raw(
    'SELECT id, HEX(given_name) AS g, HEX(family_name) AS f, date_of_birth AS d, place_id AS p FROM people ORDER BY id',
  );
  const [peopleCounts] = await db.raw('SELECT place_id, decade, people FROM people_counts ORDER BY place_id, decade');
  return { places, people, peopleCounts };
}

export function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex').toUpperCase();
}
