import { describe, expect, it } from 'vitest';
import { characterLength, CONTROL_CHARACTER, decodeUtf8, encodeUtf8 } from './field-text.ts';

/** A field as the parser hands it over: one char per byte (latin1). */
const bytes = (...values: number[]): string => Buffer.from(values).toString('latin1');

describe('decodeUtf8', () => {
  it.each([
    ['plain ASCII', 'Kelso'],
    ['an empty field', ''],
    ['2-byte characters', 'Łódź Zürich'],
    ['3-byte characters', '日本 €'],
    ['4-byte characters', '𠜎𠜱城 😀 𝔊𝔯𝔞𝔶'],
    ['an emoji ZWJ sequence', '👩‍🔬'],
    ['a combining mark', 'Zu\u0308rich'],
    ['the last code point U+10FFFF', '\u{10ffff}'],
    ['U+FFFD written on purpose', 'a\ufffdb'],
    ['a byte order mark inside a field', 'a\ufeffb'],
  ])('decodes valid UTF-8: %s', (_name, text) => {
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
  });

  it.each([
    ['a latin1 é (lone lead byte)', bytes(0x4a, 0x6f, 0x73, 0xe9)],
    ['a lone continuation byte', bytes(0x61, 0x80, 0x62)],
    ['a continuation byte at the start', bytes(0xbf)],
    ['an overlong "/" (C0 AF)', bytes(0xc0, 0xaf)],
    ['an overlong NUL (C0 80)', bytes(0xc0, 0x80)],
    ['an overlong 3-byte form (E0 80 AF)', bytes(0xe0, 0x80, 0xaf)],
    ['an overlong 4-byte form (F0 80 80 AF)', bytes(0xf0, 0x80, 0x80, 0xaf)],
    ['a high surrogate encoded in UTF-8 (ED A0 80)', bytes(0xed, 0xa0, 0x80)],
    ['a low surrogate encoded in UTF-8 (ED BF BF)', bytes(0xed, 0xbf, 0xbf)],
    ['a surrogate pair encoded as two 3-byte forms (CESU-8)', bytes(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80)],
    ['a code point above U+10FFFF (F4 90 80 80)', bytes(0xf4, 0x90, 0x80, 0x80)],
    ['the never-valid byte F5', bytes(0xf5, 0x80, 0x80, 0x80)],
    ['the never-valid byte FF', bytes(0x53, 0x6d, 0xff, 0x74, 0x68)],
    ['a 2-byte sequence cut short', bytes(0x61, 0xc5)],
    ['a 3-byte sequence cut short (E2 82)', bytes(0x4c, 0x61, 0x6d, 0x62, 0xe2, 0x82)],
    ['a 4-byte sequence cut short (F0 9F 98)', bytes(0xf0, 0x9f, 0x98)],
    ['a sequence interrupted by ASCII', bytes(0xe2, 0x82, 0x41)],
  ])('returns undefined for invalid UTF-8: %s', (_name, field) => {
    expect(decodeUtf8(field)).toBeUndefined();
  });
});

describe('encodeUtf8', () => {
  it('turns text into one char per UTF-8 byte', () => {
    expect(encodeUtf8('é')).toBe(bytes(0xc3, 0xa9));
    expect(encodeUtf8('😀')).toBe(bytes(0xf0, 0x9f, 0x98, 0x80));
    expect(encodeUtf8('Kelso')).toBe('Kelso');
  });
});

describe('characterLength', () => {
  it.each([
    ['an empty string', '', 0],
    ['one ASCII letter', 'a', 1],
    ['ASCII', 'Kelso', 5],
    ['2-byte characters', 'Łódź', 4],
    ['3-byte characters', '日本', 2],
    ['one 4-byte character', '😀', 1],
    ['4-byte characters', '𠜎𠜱城', 3],
    ['a base letter and a combining mark as two', 'e\u0301', 2],
    ['an emoji ZWJ sequence as its code points', '👩‍🔬', 3],
    ['100 emoji', '😀'.repeat(100), 100],
    ['101 emoji', '😀'.repeat(101), 101],
  ])('counts code points, as MySQL counts VARCHAR: %s', (_name, text, length) => {
    expect(characterLength(text)).toBe(length);
  });
});

describe('CONTROL_CHARACTER', () => {
  it.each([
    ['NUL', '\0'],
    ['BEL', '\x07'],
    ['backspace', '\b'],
    ['vertical tab', '\v'],
    ['form feed', '\f'],
    ['escape', '\x1b'],
    ['unit separator', '\x1f'],
    ['DEL', '\x7f'],
  ])('matches %s', (_name, char) => {
    expect(CONTROL_CHARACTER.test(`a${char}b`)).toBe(true);
  });

  it.each([
    ['tab', '\t'],
    ['LF', '\n'],
    ['CR', '\r'],
    ['space', ' '],
    ['no-break space', '\u00a0'],
  ])('does not match %s', (_name, char) => {
    expect(CONTROL_CHARACTER.test(`a${char}b`)).toBe(false);
  });
});
