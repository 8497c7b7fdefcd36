import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commitAll, writeAtomic, writeTemp } from './write-atomic.ts';

async function folderWithPrevious(): Promise<{ dir: string; target: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'rollcall-atomic-'));
  const target = join(dir, 'report.json');
  await writeFile(target, 'previous complete report');
  return { dir, target };
}

/** Yields some chunks, then fails: a database lost in the middle of a report. */
function failingSource(chunks: number): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < chunks; i++) yield 'x'.repeat(64 * 1024);
      throw new Error('connection lost');
    })(),
  );
}

describe('atomic report files', () => {
  it('replaces the previous file with the complete new one and leaves nothing else', async () => {
    const { dir, target } = await folderWithPrevious();
    await writeAtomic(target, Readable.from(['new ', 'report']), []);
    expect(await readFile(target, 'utf8')).toBe('new report');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('creates the file when there was none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollcall-atomic-'));
    await writeAtomic(join(dir, 'new.csv'), Readable.from(['a,b\r\n']), []);
    expect(await readFile(join(dir, 'new.csv'), 'utf8')).toBe('a,b\r\n');
  });

  it('keeps the previous file intact and removes the temporary file when the source fails midway', async () => {
    const { dir, target } = await folderWithPrevious();
    await expect(writeAtomic(target, failingSource(20), [])).rejects.toThrow('connection lost');
    expect(await readFile(target, 'utf8')).toBe('previous complete report');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('keeps the previous file intact when a transform fails', async () => {
    const { dir, target } = await folderWithPrevious();
    const broken = new Transform({ transform: (_chunk, _enc, done) => done(new Error('cannot format')) });
    await expect(writeAtomic(target, Readable.from(['a', 'b']), [broken])).rejects.toThrow('cannot format');
    expect(await readFile(target, 'utf8')).toBe('previous complete report');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('keeps the previous file intact when interrupted', async () => {
    const { dir, target } = await folderWithPrevious();
    const controller = new AbortController();
    const endless = new Readable({
      read() {
        this.push('y'.repeat(1024));
      },
    });
    setTimeout(() => controller.abort(new Error('SIGTERM')), 50);
    await expect(writeAtomic(target, endless, [], controller.signal)).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('previous complete report');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('fails without creating anything when the folder does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollcall-atomic-'));
    await expect(writeAtomic(join(dir, 'missing', 'r.json'), Readable.from(['x']), [])).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('shows files written together only when all are committed, and discards them on request', async () => {
    const { dir, target } = await folderWithPrevious();
    const first = await writeTemp(target, Readable.from(['first']), []);
    const second = await writeTemp(join(dir, 'second.csv'), Readable.from(['second']), []);
    expect(await readFile(target, 'utf8')).toBe('previous complete report');
    expect((await readdir(dir)).filter((name) => !name.startsWith('.'))).toEqual(['report.json']);
    await commitAll([first, second]);
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['report.json', 'second.csv']);
    const third = await writeTemp(target, Readable.from(['third']), []);
    await third.discard();
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['report.json', 'second.csv']);
  });
});
