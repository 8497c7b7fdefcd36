import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { loadInto, snapshotTables } from './testing/datasets.ts';
import {
  dateBytes,
  fieldBytes,
  goodDateBytes,
  goodFieldBytes,
  oracleCityKey,
  oracleDate,
  oracleText,
} from './testing/arbitraries.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

// The whole CSV path as a property: any generated places and people (any Unicode, quotes,
// commas, newlines, invalid bytes, wrong field counts), written as CSV by csv-stringify and
// loaded, give loaded + rejected (+ duplicates) = read, the rows the oracle accepts stored
// byte-exact in file order, and every other row in the reject file at its physical line.

type Row = Buffer[];

const HEX = (bytes: Buffer) => bytes.toString('hex').toUpperCase();
const newlines = (row: Row) => row.reduce((sum, field) => sum + field.filter((byte) => byte === 0x0a).length, 0);

/** A row of `width` fields, now and then one field more or less. */
const sometimesMisshapen = (row: fc.Arbitrary<Row>) =>
  fc
    .tuple(row, fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }))
    .map(([fields, change]) =>
      change < 0 ? fields.slice(0, -1) : change > 0 ? [...fields, Buffer.from('extra')] : fields,
    );

/** Mostly a field the rules accept, sometimes anything at all. */
const field = (maxLength?: number) =>
  fc.oneof({ weight: 4, arbitrary: goodFieldBytes(maxLength) }, { weight: 1, arbitrary: fieldBytes(maxLength) });
const date = fc.oneof({ weight: 3, arbitrary: goodDateBytes }, { weight: 1, arbitrary: dateBytes });

/** Places, then some of them again: the same (a duplicate, dropped) or with another county (a conflict, rejected). */
const placesRows = fc
  .tuple(
    fc.array(sometimesMisshapen(fc.tuple(field(30), field(30), field(30))), { minLength: 1, maxLength: 6 }),
    fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 3 }),
  )
  .map(([rows, repeats]) => [
    ...rows,
    ...repeats.map(([from, conflict]) => {
      const row = rows[from % rows.length]!;
      return conflict && row.length === 3 ? [row[0]!, Buffer.from('Another county'), row[2]!] : row;
    }),
  ]);

/** People born in one of the places (its city, sometimes with trailing spaces) or anywhere. */
const peopleRows = (places: Row[]) => {
  const cities = places.filter((row) => row.length === 3).map((row) => row[0]!);
  const place =
    cities.length === 0
      ? field(30)
      : fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .tuple(fc.constantFrom(...cities), fc.constantFrom('', '', ' ', '  '))
              .map(([city, pad]) => Buffer.concat([city, Buffer.from(pad)])),
          },
          { weight: 1, arbitrary: field(30) },
        );
  return fc.array(sometimesMisshapen(fc.tuple(field(), field(), date, place)), { minLength: 1, maxLength: 25 });
};

const scenario = placesRows.chain((places) =>
  fc.record({
    places: fc.constant(places),
    people: peopleRows(places),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    method: fc.constantFrom('infile', 'insert'),
  }),
);

/** Rows as a CSV file, bytes kept: each field goes through csv-stringify as a latin1 byte string. */
function csvFile(header: string[], rows: Row[], options: { crlf: boolean; bom: boolean }): Buffer {
  const text = stringify([header, ...rows.map((row) => row.map((field) => field.toString('latin1')))], {
    record_delimiter: options.crlf ? 'windows' : 'unix',
    // csv-stringify quotes a field holding its own record delimiter only; the loader takes
    // both LF and CRLF as line ends (as users' files mix them), so quote any CR or LF.
    quoted_match: /[\r\n]/,
  });
  return Buffer.concat([Buffer.from(options.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'latin1')]);
}

type Outcome = { line: number; row: Row } & (
  | { kind: 'loaded'; id: number; placeId?: number }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; codes: string[] }
);

function textOf(bytes: Buffer): string | undefined {
  const result = oracleText(bytes);
  return 'text' in result ? result.text : undefined;
}

/** What the data contract says happens to each row, with the physical line it starts on. */
function expectedOutcomes(places: Row[], people: Row[]) {
  const placeIds = new Map<string, { id: number; county: string; country: string }>();
  let line = 2;
  const placeOutcomes: Outcome[] = places.map((row) => {
    const at = line;
    line += 1 + newlines(row);
    if (row.length !== 3) return { line: at, row, kind: 'rejected', codes: ['FIELD_COUNT'] };
    const problems = row.flatMap((field) => {
      const result = oracleText(field);
      return 'problem' in result ? [result.problem] : [];
    });
    if (problems.length > 0) return { line: at, row, kind: 'rejected', codes: problems };
    const [city, county, country] = row.map((field) => oracleCityKey(textOf(field)!));
    const first = placeIds.get(city!);
    if (!first) {
      placeIds.set(city!, { id: placeIds.size + 1, county: county!, country: country! });
      return { line: at, row, kind: 'loaded', id: placeIds.size };
    }
    if (first.county === county && first.country === country) return { line: at, row, kind: 'duplicate' };
    return { line: at, row, kind: 'rejected', codes: ['PLACE_CONFLICT'] };
  });

  line = 2;
  let nextId = 1;
  const peopleOutcomes = people.map((row): Outcome => {
    const at = line;
    line += 1 + newlines(row);
    if (row.length !== 4) return { line: at, row, kind: 'rejected', codes: ['FIELD_COUNT'] };
    const codes = new Set<string>();
    for (const field of row) {
      const result = oracleText(field);
      if ('problem' in result) codes.add(result.problem);
    }
    const date = textOf(row[2]!);
    if (date !== undefined && !oracleDate(date)) codes.add('BAD_DATE');
    const place = textOf(row[3]!);
    const placeId = place === undefined ? undefined : placeIds.get(oracleCityKey(place))?.id;
    if (place !== undefined && placeId === undefined) codes.add('UNKNOWN_PLACE');
    if (codes.size > 0) return { line: at, row, kind: 'rejected', codes: [...codes] };
    return { line: at, row, kind: 'loaded', id: nextId++, placeId: placeId! };
  });
  return { places: placeOutcomes, people: peopleOutcomes } as const;
}

describe('the CSV path, for any generated data', () => {
  const t = useTestDatabase('csv_property');

  it('loads the rows the oracle accepts byte-exact and rejects every other at its line: loaded + rejected + duplicates = read', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ places, people, crlf, bom, method }) => {
        const data = tempDataset(
          csvFile(['city', 'county', 'country'], places, { crlf, bom }),
          csvFile(['given_name', 'family_name', 'date_of_birth', 'place_of_birth'], people, { crlf, bom }),
        );
        const expected = expectedOutcomes(places, people);
        const summary = await loadInto(t, data, { MAX_REJECT_RATIO: '1', LOAD_METHOD: method });

        const files: [string, typeof summary.places, Outcome[]][] = [
          ['places.csv', summary.places, expected.places],
          ['people.csv', summary.people, expected.people],
        ];
        for (const [file, counts, outcomes] of files) {
          const count = (kind: Outcome['kind']) => outcomes.filter((outcome) => outcome.kind === kind).length;
          expect(counts).toMatchObject({
            read: outcomes.length,
            loaded: count('loaded'),
            rejected: count('rejected'),
            duplicates: count('duplicate'),
          });
          expect(counts.loaded + counts.rejected + counts.duplicates).toBe(counts.read);
          // The reject file: one row per rejected record, its line, a code the oracle expects, its fields byte for byte.
          const rejects: string[][] = parse(readFileSync(join(data.reports, 'rejects', `${file}.rejects.csv`)), {
            relax_column_count: true,
            bom: false,
            encoding: 'latin1',
          });
          const rejected = outcomes.flatMap((outcome) => (outcome.kind === 'rejected' ? [outcome] : []));
          expect(rejects.slice(1).map(([line]) => Number(line))).toEqual(rejected.map((outcome) => outcome.line));
          rejects.slice(1).forEach(([, code, reason, ...fields], i) => {
            expect(rejected[i]!.codes).toContain(code);
            expect(reason!.length).toBeGreaterThan(0);
            expect(fields.map((field) => HEX(Buffer.from(field, 'latin1')))).toEqual(rejected[i]!.row.map(HEX));
          });
        }

        const stored = await snapshotTables(t.db);
        expect(stored.places).toEqual(
          expected.places.flatMap((outcome) =>
            outcome.kind === 'loaded'
              ? [
                  {
                    id: outcome.id,
                    city: HEX(outcome.row[0]!),
                    county: HEX(outcome.row[1]!),
                    country: HEX(outcome.row[2]!),
                  },
                ]
              : [],
          ),
        );
        expect(stored.people).toEqual(
          expected.people.flatMap((outcome) =>
            outcome.kind === 'loaded'
              ? [
                  {
                    id: outcome.id,
                    g: HEX(outcome.row[0]!),
                    f: HEX(outcome.row[1]!),
                    d: outcome.row[2]!.toString('utf8'),
                    p: outcome.placeId,
                  },
                ]
              : [],
          ),
        );
      }),
      { numRuns: 40 },
    );
  });
});
