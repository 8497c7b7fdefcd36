import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '@rollcall/shared';
import { useTestDatabase } from '@rollcall/testkit';
import { loadFailsWith, loadInto, PEOPLE_CSV, PLACES_CSV, dataset, snapshotTables } from './testing/datasets.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** What loading each fixture folder must give (see fixtures/README.md), with MAX_REJECT_RATIO=1. */
interface Loads {
  places: number;
  people: number;
  duplicates?: number;
  placeRejects?: Array<[number, string]>;
  peopleRejects?: Array<[number, string]>;
}
type Expected = Loads | { fails: ErrorCode; file: string; line?: number };

const CASES: Record<string, Expected> = {
  plain: { places: 3, people: 2 },
  bom: { places: 3, people: 3 },
  crlf: { places: 3, people: 3 },
  'blank-lines': { places: 3, people: 2, peopleRejects: [[6, 'UNKNOWN_PLACE']] },
  'quoted-newline': { places: 3, people: 3, peopleRejects: [[6, 'BAD_DATE']] },
  'quoted-comma-and-quote': { places: 3, people: 3 },
  'columns-reordered': { places: 3, people: 2 },
  'extra-column': { places: 3, people: 2 },
  'header-with-spaces': { places: 3, people: 2 },
  'four-byte-chars': { places: 3, people: 3 },
  'invalid-utf8': {
    places: 3,
    people: 2,
    placeRejects: [[5, 'INVALID_UTF8']],
    peopleRejects: [
      [3, 'INVALID_UTF8'],
      [4, 'INVALID_UTF8'],
      [5, 'INVALID_UTF8'],
      [6, 'INVALID_UTF8'],
    ],
  },
  'nul-byte': { places: 3, people: 2, peopleRejects: [[3, 'CONTROL_CHAR']] },
  'too-long': {
    places: 3,
    people: 3,
    placeRejects: [[5, 'TOO_LONG']],
    peopleRejects: [
      [3, 'TOO_LONG'],
      [5, 'TOO_LONG'],
      [7, 'TOO_LONG'],
    ],
  },
  'field-count': {
    places: 3,
    people: 2,
    peopleRejects: [
      [3, 'FIELD_COUNT'],
      [4, 'FIELD_COUNT'],
    ],
  },
  'empty-field': {
    places: 2,
    people: 2,
    placeRejects: [[3, 'EMPTY_FIELD']],
    peopleRejects: [
      [3, 'EMPTY_FIELD'],
      [4, 'EMPTY_FIELD'],
      [5, 'EMPTY_FIELD'],
    ],
  },
  'bad-date': {
    places: 3,
    people: 2,
    peopleRejects: [3, 4, 5, 6, 7, 8, 9, 11, 12].map((line) => [line, 'BAD_DATE'] as [number, string]),
  },
  'unknown-place': {
    places: 3,
    people: 3,
    peopleRejects: [3, 4, 6, 7].map((line) => [line, 'UNKNOWN_PLACE'] as [number, string]),
  },
  'multiple-problems': {
    places: 3,
    people: 2,
    peopleRejects: [
      [3, 'BAD_DATE'],
      [4, 'EMPTY_FIELD'],
      [5, 'EMPTY_FIELD'],
    ],
  },
  'place-duplicate': { places: 3, people: 3, duplicates: 1 },
  'place-conflict': { places: 3, people: 3, placeRejects: [[4, 'PLACE_CONFLICT']] },
  'trailing-space-city': { places: 2, people: 2, duplicates: 1 },
  'duplicate-column': { fails: 'BAD_HEADER', file: 'people.csv', line: 1 },
  'missing-column': { fails: 'BAD_HEADER', file: 'people.csv', line: 1 },
  'unterminated-quote': { fails: 'BAD_CSV', file: 'people.csv', line: 3 },
  'header-only': { fails: 'INPUT_EMPTY', file: 'people.csv', line: 2 },
  'empty-file': { fails: 'INPUT_EMPTY', file: 'people.csv' },
  'missing-file': { fails: 'INPUT_MISSING', file: 'people.csv' },
};

describe('every fixture loads as fixtures/README.md says', () => {
  const t = useTestDatabase('fixtures');
  let previous: Awaited<ReturnType<typeof snapshotTables>>;
  beforeAll(async () => {
    await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV));
    previous = await snapshotTables(t.db);
  });

  function copyOf(name: string) {
    const dir = mkdtempSync(join(tmpdir(), `rollcall-fixture-${name}-`));
    cpSync(join(FIXTURES, name), dir, { recursive: true });
    return { dir, reports: join(dir, 'reports') };
  }

  function rejectLines(reports: string, file: string): Array<[number, string]> {
    const rows: string[][] = parse(readFileSync(join(reports, 'rejects', `${file}.rejects.csv`)), {
      relax_column_count: true,
    });
    return rows.slice(1).map(([line, code]) => [Number(line), code!]);
  }

  it.each(Object.entries(CASES))('%s', async (name, expected) => {
    const data = copyOf(name);
    if ('fails' in expected) {
      const err = await loadFailsWith(t, data, expected.fails, { MAX_REJECT_RATIO: '1' });
      expect(err.context.file).toBe(expected.file);
      if (expected.line !== undefined) expect(err.context.line).toBe(expected.line);
      expect(await snapshotTables(t.db)).toEqual(previous);
      return;
    }
    const summary = await loadInto(t, data, { MAX_REJECT_RATIO: '1' });
    expect(summary.places.loaded).toBe(expected.places);
    expect(summary.people.loaded).toBe(expected.people);
    expect(summary.places.duplicates).toBe(expected.duplicates ?? 0);
    expect(rejectLines(data.reports, 'places.csv')).toEqual(expected.placeRejects ?? []);
    expect(rejectLines(data.reports, 'people.csv')).toEqual(expected.peopleRejects ?? []);
    const [[counts]] = await t.db.raw(
      'SELECT (SELECT COUNT(*) FROM places) AS places, (SELECT COUNT(*) FROM people) AS people',
    );
    expect(counts).toEqual({ places: expected.places, people: expected.people });
    // Put the reference dataset back so that the failing cases compare against it.
    await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV));
  });
});
