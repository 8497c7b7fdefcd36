import fc from 'fast-check';

/**
 * fast-check generators of CSV field bytes for the property tests, and an oracle of the
 * row rules written apart from to-row.ts (no shared code), so that a property compares
 * two independent readings of the data contract.
 */

/** Text that stresses CSV, LOAD DATA escaping and SQL: each appears in some generated fields. */
const NASTY = [
  '',
  ' ',
  '  ',
  '"',
  '""',
  ',',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\\',
  '\\N',
  'NULL',
  '\\0',
  '\\t',
  "'",
  "');--",
  "Robert'); DROP TABLE people;--",
  '%_',
  '\u3000',
  '\u00a0',
  '\ufeff',
  '\u2028',
  'é',
  '😀',
  '𠮷',
  '\u0085',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
];

/** Byte sequences that are not UTF-8: a lone lead, a lone continuation, overlong, a surrogate, 0xFF. */
const INVALID = [[0xc3], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];

const text = (maxLength: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    // Near the 100-character limit, counted in code points (4-byte characters count once).
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: Math.max(0, maxLength - 12), maxLength }) },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 6 })
        .map((parts) => parts.join('')),
    },
  );

const utf8 = (value: string) => Buffer.from(value, 'utf8');

/** The bytes of one field: mostly text (sometimes over 100 characters), now and then invalid UTF-8. */
export const fieldBytes = (maxLength = 110): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 9, arbitrary: text(maxLength).map(utf8) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(text(10), fc.constantFrom(...INVALID), text(10))
        .map(([before, bad, after]) => Buffer.concat([utf8(before), Buffer.from(bad), utf8(after)])),
    },
  );

/**
 * The bytes of a field the row rules accept: any Unicode (4-byte too) with quotes, commas,
 * CR/LF and tabs, but no other control character, not blank, at most `maxLength` code points.
 */
export const goodFieldBytes = (maxLength = 100): fc.Arbitrary<Buffer> =>
  text(maxLength)
    .map((value) =>
      Array.from(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''))
        .slice(0, maxLength - 1)
        .join(''),
    )
    .map((value) => (value.trim() === '' ? `x${value}` : value))
    .map(utf8);

/** A real calendar date, or a near miss, or anything. */
export const dateBytes: fc.Arbitrary<Buffer> = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc
        .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 10999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(
          ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '1999-02-30',
        '2000-02-29',
        '1900-02-29',
        '0999-12-31',
        '1999-2-03',
        '1999/02/03',
        ' 1999-02-03',
        '１９９９-02-03',
      ),
    },
    { weight: 1, arbitrary: text(12) },
  )
  .map(utf8);

/** Mostly a real calendar date. */
export const goodDateBytes: fc.Arbitrary<Buffer> = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => utf8(d.toISOString().slice(0, 10)));

/** What the data contract says of one text field: its text, or the reason it cannot load. */
export function oracleText(
  bytes: Buffer,
): { text: string } | { problem: 'INVALID_UTF8' | 'CONTROL_CHAR' | 'EMPTY_FIELD' | 'TOO_LONG' } {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let value: string;
  try {
    value = text.decode(bytes);
  } catch {
    return { problem: 'INVALID_UTF8' };
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return { problem: 'CONTROL_CHAR' };
  if (value.trim() === '') return { problem: 'EMPTY_FIELD' };
  if (Array.from(value).length > 100) return { problem: 'TOO_LONG' };
  return { text: value };
}

/** Whether YYYY-MM-DD names a day that exists, within MySQL's DATE range. */
export function oracleDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The database's comparison of cities: utf8mb4_bin pads with spaces, so trailing spaces do not count. */
export function oracleCityKey(city: string): string {
  return city.replace(/ +$/, '');
}
