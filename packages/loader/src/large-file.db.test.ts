import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@rollcall/shared';
import { useTestDatabase, LOADER_MAIN, startJob } from '@rollcall/testkit';
import { PLACES_CSV } from './testing/datasets.ts';
import { writeLongPeopleCsv, type LongRowsFile } from './testing/long-rows.ts';

/** The file must be at least this big: 1 GiB, ≈ 3.5 million rows of ≈ 300 bytes. */
const FILE_BYTES = 1 << 30;
/** Peak resident memory allowed to the loader, whatever the file size. */
const MAX_RSS_KB = 250 * 1024;

// Streaming in constant memory, proven on a file far bigger than the memory allowed: a
// 1 GiB people.csv with one bad row 100 rows before its end. /proc sampling makes this Linux-only.
describe.skipIf(process.platform !== 'linux')('a 1 GiB people.csv with one bad row near its end', () => {
  const t = useTestDatabase('large_file');
  let dir: string;
  let file: LongRowsFile;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rollcall-large-'));
    writeFileSync(join(dir, 'places.csv'), PLACES_CSV);
    file = await writeLongPeopleCsv(join(dir, 'people.csv'), { bytes: FILE_BYTES, badRowFromEnd: 100 });
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('loads in flat memory and rejects the bad row at its exact line', { timeout: 600_000 }, async () => {
    expect(file.bytes).toBeGreaterThanOrEqual(FILE_BYTES);
    const started = Date.now();
    const job = startJob(LOADER_MAIN, { ...t.env, DATA_DIR: dir, REPORTS_DIR: join(dir, 'reports') }, { memory: true });
    const result = await job.done;
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `1 GiB load: ${file.rows} rows in ${seconds.toFixed(1)} s, peak RSS ${(result.peakRssKb / 1024).toFixed(0)} MB`,
    );

    expect(result.code, result.stdout.slice(-2000) + result.stderr).toBe(EXIT_CODES.OK);
    expect(result.lines.at(-1)).toMatchObject({
      msg: 'load complete',
      people: { read: file.rows, loaded: file.rows - 1, rejected: 1, duplicates: 0 },
    });
    // Progress by bytes read: the share of the file, the time spent and the time left.
    const progress = result.lines.filter((line) => line.msg === 'loading' && line.file === 'people.csv');
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) {
      expect(line).toMatchObject({
        rowsRead: expect.any(Number),
        rowsPerSecond: expect.any(Number),
        elapsedS: expect.any(Number),
        etaS: expect.any(Number),
      });
      expect(line.percent).toBeGreaterThan(0);
      expect(line.percent).toBeLessThanOrEqual(100);
    }
    const percents = progress.map((line) => line.percent as number);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const rejects = readFileSync(join(dir, 'reports', 'rejects', 'people.csv.rejects.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(rejects).toHaveLength(2);
    expect(rejects[1]).toMatch(
      new RegExp(`^${file.badLine},BAD_DATE,"date_of_birth ""1999-02-30"" is not a calendar date`),
    );
    const [[{ n }]] = await t.db.raw('SELECT COUNT(*) AS n FROM people');
    expect(n).toBe(file.rows - 1);

    // Flat: the peak stays under the bound, and memory in the second half of the run is no
    // higher than in the first (a leak or a buffered file would grow with the rows read).
    expect(result.peakRssKb).toBeGreaterThan(0);
    expect(result.peakRssKb).toBeLessThan(MAX_RSS_KB);
    const half = Math.floor(result.rssKb.length / 2);
    const firstHalfPeak = Math.max(...result.rssKb.slice(0, half));
    const secondHalfPeak = Math.max(...result.rssKb.slice(half));
    expect(secondHalfPeak).toBeLessThan(firstHalfPeak * 1.25);
  });
});
