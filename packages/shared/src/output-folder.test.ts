import { mkdtempSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRollcallError } from './errors.ts';
import { checkOutputFolder, makeFolder } from './output-folder.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'rollcall-folder-'));

async function failure(path: string): Promise<unknown> {
  return checkOutputFolder(path, 'REPORTS_DIR').then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('makeFolder', () => {
  it('creates a folder and its missing parents', async () => {
    const path = join(scratch(), 'a', 'b', 'c');
    await makeFolder(path);
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it('fails at once where mkdir -p in Node retries for ever (/proc)', async () => {
    await expect(makeFolder('/proc/rollcall/rejects')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('checkOutputFolder', () => {
  it('creates a missing folder and leaves no probe file behind', async () => {
    const path = join(scratch(), 'reports', 'rejects');
    await checkOutputFolder(path, 'REPORTS_DIR');
    expect(readdirSync(path)).toEqual([]);
  });

  it.each([
    [
      'a regular file',
      () => {
        const file = join(scratch(), 'reports');
        writeFileSync(file, '');
        return file;
      },
      /is a file, not a folder/,
    ],
    [
      'a folder under a regular file',
      () => {
        const file = join(scratch(), 'reports');
        writeFileSync(file, '');
        return join(file, 'rejects');
      },
      /cannot be created \(ENOTDIR\)/,
    ],
    ['a folder in /proc', () => '/proc/rollcall', /cannot be created \(ENOENT\)/],
  ])('refuses %s as OUTPUT_UNUSABLE, naming the setting, the uid and the owner', async (_name, make, problem) => {
    const path = make();
    const err = await failure(path);
    expect(isRollcallError(err, 'OUTPUT_UNUSABLE')).toBe(true);
    expect((err as Error).message).toMatch(problem);
    expect((err as Error).message).toMatch(
      new RegExp(`^REPORTS_DIR folder ${path} .*runs as uid \\d+ .*belongs to uid \\d+.*To fix:`),
    );
  });
});
