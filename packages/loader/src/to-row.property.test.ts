import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPerson, toPlace, type RecordShape, type RejectCode } from './to-row.ts';
import { dateBytes, fieldBytes, oracleCityKey, oracleDate, oracleText } from './testing/arbitraries.ts';

// Property tests of the row rules against an oracle written apart from them
// (testing/arbitraries.ts): any record is either a row whose values are exactly the
// decoded input, or a reject whose code is one of the problems the record really has.

const CITIES = ['Kelso', 'Łódź', '東京', '𠮷野 ', 'Derry, Londonderry'];
const PLACE_IDS: ReadonlyMap<string, number> = new Map(CITIES.map((city, i) => [oracleCityKey(city), i + 1]));

const asField = (bytes: Buffer) => bytes.toString('latin1');
const textOf = (field: ReturnType<typeof oracleText>) => ('text' in field ? field.text : undefined);

/** A city from places.csv (sometimes with spaces after it), or any field. */
const placeBytes = fc.oneof(
  fc
    .constantFrom(...CITIES)
    .chain((city) => fc.constantFrom(city, `${city} `, ` ${city}`))
    .map((city) => Buffer.from(city, 'utf8')),
  fieldBytes(),
);

/** The four people columns in a random order among 0-2 extra columns, and sometimes a wrong field count. */
const peopleRecord = fc
  .record({
    values: fc.tuple(fieldBytes(), fieldBytes(), dateBytes, placeBytes),
    extras: fc.array(fieldBytes(20), { maxLength: 2 }),
    order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }),
    widthChange: fc.oneof(
      { weight: 9, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.constantFrom(-1, 1, 2) },
    ),
  })
  .map(({ values, extras, order, widthChange }) => {
    const width = 4 + extras.length;
    const positions = order.filter((p) => p < width);
    const fields: string[] = new Array(width);
    values.forEach((bytes, i) => {
      fields[positions[i]!] = asField(bytes);
    });
    extras.forEach((bytes, i) => {
      fields[positions[4 + i]!] = asField(bytes);
    });
    const shape: RecordShape = { width, layout: positions.slice(0, 4), encoding: 'latin1' };
    if (widthChange < 0) fields.pop();
    for (let i = 0; i < widthChange; i++) fields.push('');
    return { values, fields, shape, widthChange };
  });

describe('toPerson on any record', () => {
  it('yields a row equal to the decoded input exactly when the oracle finds no problem, and a reject naming one of the problems otherwise', () => {
    fc.assert(
      fc.property(peopleRecord, ({ values, fields, shape, widthChange }) => {
        const result = toPerson(fields, shape, PLACE_IDS);
        if (widthChange !== 0) {
          expect(result).toMatchObject({ ok: false, reject: { code: 'FIELD_COUNT' } });
          return;
        }
        const [given, family, date, place] = values.map(oracleText);
        const problems = new Set<RejectCode>();
        for (const field of [given, family, date, place]) if ('problem' in field!) problems.add(field.problem);
        if ('text' in date! && !oracleDate(date.text)) problems.add('BAD_DATE');
        const placeId = 'text' in place! ? PLACE_IDS.get(oracleCityKey(place.text)) : undefined;
        if ('text' in place! && placeId === undefined) problems.add('UNKNOWN_PLACE');

        if (problems.size === 0) {
          expect(result).toEqual({
            ok: true,
            row: { givenName: textOf(given!), familyName: textOf(family!), dateOfBirth: textOf(date!), placeId },
          });
        } else {
          if (result.ok)
            throw new Error(`expected a reject for ${[...problems].join(', ')}, got ${JSON.stringify(result.row)}`);
          expect([...problems]).toContain(result.reject.code);
          expect(result.reject.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('toPlace on any record', () => {
  it('yields the decoded city, county and country, or a reject naming one of their problems', () => {
    const shape: RecordShape = { width: 3, layout: [0, 1, 2], encoding: 'latin1' };
    fc.assert(
      fc.property(fc.tuple(fieldBytes(), fieldBytes(), fieldBytes()), (values) => {
        const result = toPlace(values.map(asField), shape);
        const decoded = values.map(oracleText);
        const problems = decoded.flatMap((field) => ('problem' in field ? [field.problem] : []));
        if (problems.length === 0) {
          const [city, county, country] = decoded.map(textOf);
          expect(result).toEqual({ ok: true, row: { city, county, country } });
        } else {
          if (result.ok)
            throw new Error(`expected a reject for ${problems.join(', ')}, got ${JSON.stringify(result.row)}`);
          expect(problems).toContain(result.reject.code);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the row rules on text fields', () => {
  // A file that is valid UTF-8 is parsed straight to text (FieldEncoding 'utf8'): the rules
  // must then decide exactly as they do on the same bytes handed over as byte strings.
  it('decide every valid UTF-8 record exactly as on its byte strings', () => {
    fc.assert(
      fc.property(peopleRecord, ({ fields, shape }) => {
        const bytes = fields.map((field) => Buffer.from(field, 'latin1'));
        fc.pre(bytes.every((field) => isUtf8(field)));
        const asText: RecordShape = { ...shape, encoding: 'utf8' };
        const texts = bytes.map((field) => field.toString('utf8'));
        expect(toPerson(texts, asText, PLACE_IDS)).toEqual(toPerson(fields, shape, PLACE_IDS));
        expect(toPlace(texts.slice(0, 3), { ...asText, width: 3, layout: [0, 1, 2] })).toEqual(
          toPlace(fields.slice(0, 3), { ...shape, width: 3, layout: [0, 1, 2] }),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
