import { describe, expect, it } from 'vitest';
import { foreignEncoding } from './input-encoding.ts';

const HEADER = 'given_name,family_name,date_of_birth,place_of_birth\r\nAnn,Smith,1990-01-02,Kelso\r\n';
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const utf32le = (text: string) => Buffer.concat([...text].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0])));

describe('foreignEncoding', () => {
  it.each([
    [
      'UTF-16LE with its byte order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]),
      'UTF-16LE',
    ],
    ['UTF-16BE with its byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(HEADER)]), 'UTF-16BE'],
    [
      'UTF-32LE with its byte order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(HEADER)]),
      'UTF-32LE',
    ],
    [
      'UTF-32BE with its byte order mark',
      Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32le(HEADER).swap32()]),
      'UTF-32BE',
    ],
    ['UTF-16LE without a byte order mark', Buffer.from(HEADER, 'utf16le'), 'UTF-16LE'],
    ['UTF-16BE without a byte order mark', utf16be(HEADER), 'UTF-16BE'],
  ])('names %s', (_name, bytes, expected) => {
    expect(foreignEncoding(bytes)).toBe(expected);
  });

  it.each([
    ['UTF-8', Buffer.from(HEADER)],
    ['UTF-8 with its byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEADER)])],
    ['Latin-1 bytes', Buffer.from('given_name,family_name\nSe\xe1n,\xd3\n', 'latin1')],
    ['a NUL byte in a row of UTF-8', Buffer.from(`${HEADER}Ann\0,Smith,1990-01-02,Kelso\n`)],
    ['a file of two bytes', Buffer.from('a\n')],
  ])('leaves %s to the UTF-8 checks', (_name, bytes) => {
    expect(foreignEncoding(bytes)).toBeUndefined();
  });
});
