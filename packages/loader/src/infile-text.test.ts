import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeInfileValue, writeInfileValue } from './infile-text.ts';

describe('escapeInfileValue', () => {
  it.each([
    ['plain text unchanged', 'Kelso', 'Kelso'],
    ['an empty string as empty (not \\N, which would be NULL)', '', ''],
    ['a backslash doubled', 'a\\b', 'a\\\\b'],
    ['a tab (the field separator) as \\t', 'a\tb', 'a\\tb'],
    ['a newline (the line separator) as \\n', 'Smith\nJones', 'Smith\\nJones'],
    ['a NUL as \\0', 'a\0b', 'a\\0b'],
    ['every special character, each time it occurs', '\\\t\n\0\\\t\n\0', '\\\\\\t\\n\\0\\\\\\t\\n\\0'],
    ['a CR untouched (only LF ends a line)', 'Mary\r\nAnn', 'Mary\r\\nAnn'],
    ['a lone CR untouched', 'a\rb', 'a\rb'],
    ['the text \\N kept as text, not NULL', '\\N', '\\\\N'],
    ['quotes and commas untouched (no ENCLOSED BY)', '"O\'Brien, Jr."', '"O\'Brien, Jr."'],
    ['multi-byte and 4-byte text untouched', 'Łódź 😀 𠜎', 'Łódź 😀 𠜎'],
  ])('escapes %s', (_name, value, escaped) => {
    expect(escapeInfileValue(value)).toBe(escaped);
  });

  it.each([
    [1, '1'],
    [0, '0'],
    [4_294_967_295, '4294967295'],
  ])('writes the number %d as its decimal digits', (value, text) => {
    expect(escapeInfileValue(value)).toBe(text);
  });

  it('leaves no raw tab, newline or NUL that LOAD DATA would read as structure', () => {
    const escaped = escapeInfileValue('a\tb\nc\0d\\e');
    expect(escaped).not.toMatch(/[\t\n\0]/);
  });
});

/** Any text: the special characters, ASCII, multi-byte, 4-byte, and lone surrogates among any code point. */
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'Z', '\\', '\t', '\n', '\0', 'é', '東', '😀'),
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
    ),
  )
  .map((chars) => chars.join(''));

describe('writeInfileValue', () => {
  /** What writeInfileValue wrote at `offset` of a buffer with room for the worst case, and the offset it returned. */
  function written(value: string | number, offset = 3): { bytes: Buffer; end: number } {
    const buffer = Buffer.alloc(offset + 24 + (typeof value === 'string' ? value.length * 3 : 0), 0xff);
    const end = writeInfileValue(buffer, offset, value);
    return { bytes: buffer.subarray(offset, end), end };
  }

  it.each([
    ['printable ASCII', 'Kelso'],
    ['an empty string', ''],
    ['multi-byte text', 'Łódź'],
    ['ASCII, then multi-byte text', "O'Brien-Łódź"],
    ['a 4-byte character', '𠮷田'],
    ['a special character after multi-byte text', 'Łódź\tx'],
    ['a special character after ASCII', 'ab\\c'],
    ['the text \\N', '\\N'],
  ])('writes %s as the UTF-8 of its escaped form', (_name, value) => {
    expect(written(value).bytes.toString('utf8')).toBe(escapeInfileValue(value));
  });

  it.each([0, 7, 10, 99, 100, 1_000_000, 4_294_967_295, Number.MAX_SAFE_INTEGER, -5, 1.5])(
    'writes the number %d as its decimal text',
    (value) => {
      expect(written(value).bytes.toString('latin1')).toBe(String(value));
    },
  );

  it('returns the offset just past what it wrote, for any text and any whole number', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.nat()), fc.nat(8), (value, offset) => {
        const { bytes, end } = written(value, offset);
        const expected = Buffer.from(escapeInfileValue(value), 'utf8');
        expect(bytes.equals(expected)).toBe(true);
        expect(end).toBe(offset + expected.length);
      }),
    );
  });
});
