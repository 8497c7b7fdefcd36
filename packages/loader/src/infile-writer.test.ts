import { describe, expect, it } from 'vitest';
import { escapeInfileValue } from './infile-writer.ts';

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
