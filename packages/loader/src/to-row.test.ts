import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from './field-text.ts';
import { PEOPLE_FILE, PLACES_FILE } from './files.ts';
import { mapHeader } from './header.ts';
import { PlaceIndex } from './place-index.ts';
import { toPerson, toPlace, type RecordShape, type RejectCode } from './to-row.ts';

/** Fields as the parser hands them over: text as UTF-8 bytes, one char per byte. */
const fields = (...values: string[]): string[] => values.map(encodeUtf8);
const raw = (...values: number[]): string => Buffer.from(values).toString('latin1');

const PEOPLE: RecordShape = { width: 4, layout: [0, 1, 2, 3], encoding: 'latin1' };
const PLACES: RecordShape = { width: 3, layout: [0, 1, 2], encoding: 'latin1' };
const PLACE_IDS: ReadonlyMap<string, number> = new Map([
  ['Kelso', 1],
  ['Łódź', 2],
  ['Zürich', 3],
  ['𠜎𠜱城', 4],
]);

const person = (record: string[], shape = PEOPLE) => toPerson(record, shape, PLACE_IDS);

function rejectOf(result: ReturnType<typeof toPerson> | ReturnType<typeof toPlace>) {
  if (result.ok) throw new Error(`expected a reject, got ${JSON.stringify(result.row)}`);
  return result.reject;
}

/** Every reject code, so that a new code without a test here fails the type check. */
const TESTED_CODES = {
  FIELD_COUNT: 'has a field count other than the header',
  INVALID_UTF8: 'holds bytes that are not UTF-8',
  CONTROL_CHAR: 'holds a control character',
  EMPTY_FIELD: 'has an empty required field',
  TOO_LONG: 'has a value over 100 characters',
  BAD_DATE: 'has a date that is not a calendar date',
  UNKNOWN_PLACE: 'names a place not in places.csv',
  PLACE_CONFLICT: 'repeats a city with another county or country',
} as const satisfies Record<RejectCode, string>;

describe('toPerson', () => {
  it('turns a valid record into a row with its place id', () => {
    expect(person(fields('Zofia', 'Wąsowska', '1975-12-31', 'Łódź'))).toEqual({
      ok: true,
      row: { givenName: 'Zofia', familyName: 'Wąsowska', dateOfBirth: '1975-12-31', placeId: 2 },
    });
  });

  it('reads columns through the header layout, in any order and with extra columns', () => {
    const header = ['notes', 'place_of_birth', 'date_of_birth', 'family_name', 'given_name'];
    const shape: RecordShape = {
      width: header.length,
      layout: mapHeader(header, PEOPLE_FILE, 'people.csv'),
      encoding: 'latin1',
    };
    const result = person(fields('a note', 'Kelso', '1980-01-02', 'Smith', 'Ann'), shape);
    expect(result).toEqual({
      ok: true,
      row: { givenName: 'Ann', familyName: 'Smith', dateOfBirth: '1980-01-02', placeId: 1 },
    });
  });

  it.each([
    ['an embedded LF', 'Smith\nJones'],
    ['an embedded CRLF', 'Mary\r\nAnn'],
    ['an embedded comma', 'Smith, Jr.'],
    ['an embedded quote', 'O"Brien'],
    ['surrounding quotes', '"Bud"'],
    ['an embedded tab', 'van\tDijk'],
    ['4-byte characters', '𝔊𝔯𝔞𝔶 😀'],
    ['a combining mark', 'Zoe\u0308'],
  ])('loads a name with %s as it is', (_name, value) => {
    const result = person(fields('Ann', value, '1980-01-02', '𠜎𠜱城'));
    expect(result).toEqual({
      ok: true,
      row: { givenName: 'Ann', familyName: value, dateOfBirth: '1980-01-02', placeId: 4 },
    });
  });

  describe('rejects a record that …', () => {
    const cases: [RejectCode, string, string[], RegExp][] = [
      ['FIELD_COUNT', 'has fewer fields than the header', fields('Ann', 'Smith', '1980-01-02'), /3 fields.*4/],
      [
        'FIELD_COUNT',
        'has more fields than the header',
        fields('Ann', 'Smith', '1980-01-02', 'Kelso', 'x'),
        /5 fields.*4/,
      ],
      ['FIELD_COUNT', 'is a single empty field', [''], /1 field\b/],
      [
        'INVALID_UTF8',
        'has a latin1 é in given_name',
        [raw(0x4a, 0x6f, 0x73, 0xe9), 'Smith', '1980-01-02', 'Kelso'],
        /given_name/,
      ],
      [
        'INVALID_UTF8',
        'has an overlong sequence in family_name',
        ['Cy', raw(0x48, 0xc0, 0xaf), '1980-01-02', 'Kelso'],
        /family_name/,
      ],
      [
        'INVALID_UTF8',
        'has a UTF-8-encoded surrogate in family_name',
        ['Di', raw(0xed, 0xa0, 0x80), '1980-01-02', 'Kelso'],
        /family_name/,
      ],
      [
        'INVALID_UTF8',
        'has a truncated sequence in place_of_birth (not UNKNOWN_PLACE)',
        ['Ed', 'Lamb', '1980-01-02', raw(0x4b, 0xe2, 0x82)],
        /place_of_birth/,
      ],
      ['CONTROL_CHAR', 'has a NUL byte', fields('Bo\0b', 'Gray', '1981-01-01', 'Kelso'), /given_name.*U\+0000/],
      [
        'CONTROL_CHAR',
        'has an escape character',
        fields('Bob', 'Gr\x1bay', '1981-01-01', 'Kelso'),
        /family_name.*U\+001B/,
      ],
      ['CONTROL_CHAR', 'has a DEL character', fields('Bob', 'Gray\x7f', '1981-01-01', 'Kelso'), /family_name.*U\+007F/],
      ['EMPTY_FIELD', 'has an empty given_name', fields('', 'Gray', '1981-01-01', 'Kelso'), /given_name/],
      ['EMPTY_FIELD', 'has only spaces in family_name', fields('Bob', '   ', '1981-01-01', 'Kelso'), /family_name/],
      [
        'EMPTY_FIELD',
        'has only a tab and a newline in given_name',
        fields('\t\n', 'Gray', '1981-01-01', 'Kelso'),
        /given_name/,
      ],
      [
        'EMPTY_FIELD',
        'has only a no-break space in given_name',
        fields('\u00a0', 'Gray', '1981-01-01', 'Kelso'),
        /given_name/,
      ],
      ['EMPTY_FIELD', 'has an empty date_of_birth (not BAD_DATE)', fields('Bob', 'Gray', '', 'Kelso'), /date_of_birth/],
      [
        'EMPTY_FIELD',
        'has an empty place_of_birth (not UNKNOWN_PLACE)',
        fields('Bob', 'Gray', '1981-01-01', ''),
        /place_of_birth/,
      ],
      [
        'TOO_LONG',
        'has 101 ASCII characters',
        fields('a'.repeat(101), 'Gray', '1981-01-01', 'Kelso'),
        /given_name.*101/,
      ],
      [
        'TOO_LONG',
        'has 101 four-byte emoji',
        fields('Bob', '😀'.repeat(101), '1981-01-01', 'Kelso'),
        /family_name.*101/,
      ],
      [
        'TOO_LONG',
        'has 101 code points as 50 e + combining accent and an e',
        fields(`${'e\u0301'.repeat(50)}e`, 'Gray', '1981-01-01', 'Kelso'),
        /given_name.*101/,
      ],
      ['TOO_LONG', 'has 101 two-byte characters', fields('Bob', 'ł'.repeat(101), '1981-01-01', 'Kelso'), /family_name/],
      ['BAD_DATE', 'has 1999-02-30', fields('Bob', 'Gray', '1999-02-30', 'Kelso'), /1999-02-30/],
      ['BAD_DATE', 'has 1900-02-29', fields('Bob', 'Gray', '1900-02-29', 'Kelso'), /1900-02-29/],
      ['BAD_DATE', 'has a date with a leading space', fields('Bob', 'Gray', ' 1999-01-02', 'Kelso'), /date_of_birth/],
      ['BAD_DATE', 'has a day-first date', fields('Bob', 'Gray', '02/01/1999', 'Kelso'), /date_of_birth/],
      [
        'UNKNOWN_PLACE',
        'names a city missing from places.csv',
        fields('Bob', 'Gray', '1981-01-01', 'Nowhere'),
        /"Nowhere"/,
      ],
      ['UNKNOWN_PLACE', 'names a known city in another case', fields('Bob', 'Gray', '1981-01-01', 'kelso'), /"kelso"/],
      [
        'UNKNOWN_PLACE',
        'names a known city without its accent',
        fields('Bob', 'Gray', '1981-01-01', 'Zurich'),
        /"Zurich"/,
      ],
      [
        'UNKNOWN_PLACE',
        'names a known city in another Unicode normal form (NFD)',
        fields('Bob', 'Gray', '1981-01-01', 'Zu\u0308rich'),
        /place_of_birth/,
      ],
      [
        'UNKNOWN_PLACE',
        'names a known city with a leading space',
        fields('Bob', 'Gray', '1981-01-01', ' Kelso'),
        /" Kelso"/,
      ],
    ];

    it('resolves a city with trailing spaces as the database compares it (PAD SPACE)', () => {
      const result = person(fields('Bob', 'Gray', '1981-01-01', 'Kelso  '));
      expect(result.ok && result.row.placeId).toBe(1);
    });

    it.each(cases)('%s: %s', (code, _name, record, reason) => {
      const reject = rejectOf(person(record));
      expect(reject.code).toBe(code);
      expect(reject.reason).toMatch(reason);
    });

    it('covers every reject code', () => {
      const covered = new Set(cases.map(([code]) => code));
      covered.add('PLACE_CONFLICT'); // from PlaceIndex: see toPlace below
      expect([...covered].sort()).toEqual(Object.keys(TESTED_CODES).sort());
    });
  });

  it.each([
    ['100 ASCII characters', 'a'.repeat(100)],
    ['100 four-byte emoji (400 bytes)', '😀'.repeat(100)],
    ['100 code points as 50 e + combining accent', 'e\u0301'.repeat(50)],
    ['100 two-byte characters', 'ł'.repeat(100)],
    ['100 CJK Ext-B characters', '𠜎'.repeat(100)],
  ])('accepts a value of exactly %s', (_name, value) => {
    expect(person(fields(value, value, '1980-01-02', 'Kelso')).ok).toBe(true);
  });

  it('reports two bad fields together, code of the first column', () => {
    const reject = rejectOf(person([raw(0x4a, 0xe9), '', '1980-01-02', 'Kelso']));
    expect(reject.code).toBe('INVALID_UTF8');
    expect(reject.reason).toMatch(/given_name/);
    expect(reject.reason).toMatch(/family_name/);
  });

  it('reports every empty field, not just the first', () => {
    const reject = rejectOf(person(fields('', ' ', '1981-01-01', 'Kelso')));
    expect(reject.code).toBe('EMPTY_FIELD');
    expect(reject.reason).toMatch(/given_name.*family_name/);
  });

  it('reports an impossible date and an unknown place together, code BAD_DATE', () => {
    const reject = rejectOf(person(fields('Bob', 'Gray', '1999-02-30', 'Nowhere')));
    expect(reject.code).toBe('BAD_DATE');
    expect(reject.reason).toMatch(/1999-02-30/);
    expect(reject.reason).toMatch(/Nowhere/);
  });

  // Reject promises "every problem found": an empty name must not hide the other problems.
  it('reports an empty name together with an impossible date and an unknown place, code EMPTY_FIELD', () => {
    const reject = rejectOf(person(fields('', 'Hill', '1999-02-30', 'Nowhere')));
    expect(reject.code).toBe('EMPTY_FIELD');
    expect(reject.reason).toMatch(/given_name/);
    expect(reject.reason).toMatch(/1999-02-30/);
    expect(reject.reason).toMatch(/Nowhere/);
  });

  it('shortens a huge value quoted in a reason', () => {
    const reject = rejectOf(person(fields('Bob', 'Gray', '1981-01-01', 'x'.repeat(100))));
    expect(reject.code).toBe('UNKNOWN_PLACE');
    expect(reject.reason).not.toContain('x'.repeat(100));
    expect(reject.reason).toMatch(/"x+\.\.\."/);
  });
});

describe('toPlace', () => {
  it('turns a valid record into a place, decoding multi-byte text', () => {
    expect(toPlace(fields('Łódź', 'łódzkie', 'Polska'), PLACES)).toEqual({
      ok: true,
      row: { city: 'Łódź', county: 'łódzkie', country: 'Polska' },
    });
  });

  it('reads columns through the header layout', () => {
    const header = ['country', 'id', 'city', 'county'];
    const shape: RecordShape = { width: 4, layout: mapHeader(header, PLACES_FILE, 'places.csv'), encoding: 'latin1' };
    expect(toPlace(fields('Scotland', '7', 'Kelso', 'Roxburghshire'), shape)).toEqual({
      ok: true,
      row: { city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' },
    });
  });

  it.each([
    ['FIELD_COUNT', 'a record with two fields', fields('Kelso', 'Roxburghshire')],
    ['INVALID_UTF8', 'a latin1 city', [raw(0x47, 0x65, 0x6e, 0xe8, 0x76, 0x65), 'Genève', 'Suisse']],
    ['CONTROL_CHAR', 'a NUL in the county', fields('Kelso', 'Roxburgh\0shire', 'Scotland')],
    ['EMPTY_FIELD', 'an empty county', fields('Nowhere', '', 'England')],
    ['EMPTY_FIELD', 'a whitespace-only country', fields('Nowhere', 'Somewhere', '  ')],
    ['TOO_LONG', 'a city of 101 characters', fields('ł'.repeat(101), 'Long County', 'Wales')],
  ] as const)('rejects with %s %s', (code, _name, record) => {
    expect(rejectOf(toPlace(record, PLACES)).code).toBe(code);
  });

  it('rejects the same city with another county as PLACE_CONFLICT, through PlaceIndex', () => {
    const index = new PlaceIndex();
    for (const [line, record] of [
      [2, fields('Kelso', 'Roxburghshire', 'Scotland')],
      [4, fields('Kelso', 'Northumberland', 'England')],
    ] as const) {
      const result = toPlace(record, PLACES);
      if (!result.ok) throw new Error('expected a valid place');
      const outcome = index.add(result.row, line);
      if (line === 4) expect(outcome).toMatchObject({ kind: 'conflict', reject: { code: 'PLACE_CONFLICT' } });
    }
  });
});
