import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanFile } from './file-scan.ts';

const scratch = mkdtempSync(join(tmpdir(), 'rollcall-file-scan-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;
function tempFile(content: Buffer): string {
  const path = join(scratch, `${++files}.csv`);
  writeFileSync(path, content);
  return path;
}

/** The scan reads 1 MiB at a time: `padding` bytes of ASCII put what follows at that boundary. */
const READ = 1 << 20;
const atReadBoundary = (before: number, ...tail: Buffer[]) =>
  Buffer.concat([Buffer.alloc(READ - before, 'a'), ...tail]);

describe('scanFile', () => {
  it('gives the size as stat does', async () => {
    const path = tempFile(Buffer.from('given_name\nŁódź 😀\n'.repeat(100_000)));
    const scan = await scanFile(path);
    expect(scan.bytes).toBe(2_400_000);
    expect(scan.utf8).toBe(true);
  });

  it.each([
    ['ASCII', Buffer.from('a,b\n1,2\n')],
    ['a byte order mark', Buffer.from('\ufeffa,b\n')],
    ['U+FFFD written on purpose', Buffer.from('a\ufffdb\n')],
    ['an empty file', Buffer.alloc(0)],
    ['a 2-byte character split by a read', atReadBoundary(1, Buffer.from('ł'))],
    ['a 3-byte character split by a read', atReadBoundary(2, Buffer.from('東'))],
    ['a 4-byte character split by a read, 1 byte before', atReadBoundary(1, Buffer.from('😀'))],
    ['a 4-byte character split by a read, 3 bytes before', atReadBoundary(3, Buffer.from('😀'))],
    ['a 4-byte character ending the file', Buffer.from('a,😀')],
  ])('finds valid UTF-8 in %s', async (_name, content) => {
    expect((await scanFile(tempFile(content))).utf8).toBe(true);
  });

  it.each([
    ['a latin1 é', Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x0a])],
    ['a lone continuation byte', Buffer.from([0x61, 0x80, 0x62])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf])],
    ['a UTF-16 surrogate encoded as UTF-8', Buffer.from([0xed, 0xa0, 0x80])],
    ['a character cut short by the end of the file', Buffer.from([0x61, 0xf0, 0x9f, 0x98])],
    [
      'a character cut short just before a read boundary',
      atReadBoundary(2, Buffer.from([0xf0, 0x9f]), Buffer.from('abc')),
    ],
    ['an invalid byte just after a read boundary', atReadBoundary(0, Buffer.from([0xff]))],
    ['four continuation bytes across a read boundary', atReadBoundary(2, Buffer.from([0x80, 0x80, 0x80, 0x80]))],
    [
      'an invalid byte after 3 MiB of valid text',
      Buffer.concat([Buffer.from('Łódź,'.repeat(600_000)), Buffer.from([0xe9])]),
    ],
  ])('finds invalid UTF-8: %s', async (_name, content) => {
    expect((await scanFile(tempFile(content))).utf8).toBe(false);
  });
});
