import { describe, expect, it } from 'vitest';
import { Utf8Check } from './utf8-check.ts';

/** Feeds `bytes` in chunks cut at every offset in `cuts`, as a read stream might. */
function checkInChunks(bytes: Buffer, cuts: number[]): boolean {
  const check = new Utf8Check();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    check.update(bytes.subarray(from, cut));
    from = cut;
  }
  return check.end();
}

/** Every way to cut `bytes` once, and into single bytes. */
function everySplit(bytes: Buffer): number[][] {
  const splits = Array.from({ length: bytes.length + 1 }, (_, at) => [at]);
  return [...splits, Array.from({ length: bytes.length }, (_, at) => at)];
}

describe('Utf8Check', () => {
  it.each([
    ['ASCII', Buffer.from('a,b\n1,2\n')],
    ['2-, 3- and 4-byte characters', Buffer.from('Łódź 東京 😀𠮷\n')],
    ['a byte order mark', Buffer.from('\ufeffa')],
    ['nothing', Buffer.alloc(0)],
  ])('finds valid UTF-8 in %s however it is cut into chunks', (_name, bytes) => {
    for (const cuts of everySplit(bytes)) expect(checkInChunks(bytes, cuts), `cut at ${cuts.join(',')}`).toBe(true);
  });

  it.each([
    ['a latin1 é', Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x0a])],
    ['a lone continuation byte', Buffer.from([0x61, 0x80, 0x62])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf])],
    ['a character with a continuation byte too many', Buffer.from([0x61, 0xc5, 0x82, 0x82, 0x61])],
    ['a character cut short by the end', Buffer.from([0x61, 0xf0, 0x9f, 0x98])],
    ['a character cut short by the next one', Buffer.from([0xf0, 0x9f, 0x61, 0x62, 0x63])],
    ['four continuation bytes in a row', Buffer.from([0x61, 0x80, 0x80, 0x80, 0x80])],
  ])('finds invalid UTF-8 (%s) however it is cut into chunks', (_name, bytes) => {
    for (const cuts of everySplit(bytes)) expect(checkInChunks(bytes, cuts), `cut at ${cuts.join(',')}`).toBe(false);
  });
});
