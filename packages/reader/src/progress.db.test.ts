import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLog, useTestDatabase } from '@rollcall/testkit';
import { jobFor } from './command.ts';
import { findReport } from './reports/index.ts';
import { runReports } from './run-reports.ts';
import { loadFixture, readerConfig, type FixturePerson } from './testing/fixture.ts';

const PEOPLE = 5_000;

describe('what the reader says while it writes', () => {
  const t = useTestDatabase('reader_progress');
  beforeAll(async () => {
    const people: FixturePerson[] = Array.from({ length: PEOPLE }, (_, i) => ({
      given_name: `Given${i}`,
      family_name: 'Family',
      date_of_birth: '1900-01-01',
      city: 'Kelso',
    }));
    await loadFixture(t.db, [{ city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }], people);
  });
  afterEach(() => vi.restoreAllMocks());

  it("logs the export's rows written, rate, percent and time left every 5 s, then rows, bytes and seconds per file", async () => {
    const config = await readerConfig(t);
    const { log, lines } = captureLog('info', 'reader');
    // A clock that moves 3 s at every look: 5,000 rows then take long enough for progress
    // lines, which the real clock would give only on a large export.
    let fakeMs = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fakeMs += 3000));
    const exportJob = jobFor(findReport('people_export')!, 'csv');
    const compressed = { ...exportJob, fileName: `${exportJob.fileName}.gz` };
    await runReports(config, [exportJob, compressed], { log });
    vi.restoreAllMocks();

    const progress = lines.filter((line) => line.msg === 'writing' && line.file === 'people_export.csv');
    expect(progress.length).toBeGreaterThan(1);
    for (const line of progress) {
      expect(line).toMatchObject({
        report: 'people_export',
        rowsWritten: expect.any(Number),
        rowsPerSecond: expect.any(Number),
        elapsedS: expect.any(Number),
        etaS: expect.any(Number),
      });
      expect(line.percent).toBe(Math.floor(((line.rowsWritten as number) / PEOPLE) * 1000) / 10);
    }
    const complete = lines.filter((line) => line.msg === 'report complete');
    expect(complete).toEqual([
      expect.objectContaining({
        report: 'people_export',
        file: join(config.reportsDir, 'people_export.csv'),
        rows: PEOPLE,
        seconds: expect.any(Number),
      }),
      expect.objectContaining({
        report: 'people_export',
        file: join(config.reportsDir, 'people_export.csv.gz'),
        rows: PEOPLE,
        seconds: expect.any(Number),
      }),
    ]);
    for (const line of complete) expect(line.bytes).toBe((await stat(line.file as string)).size);
    expect(complete[1]!.bytes).toBeLessThan(complete[0]!.bytes as number);
  });

  it('gives a report without a count its rows and rate only', async () => {
    const config = await readerConfig(t);
    const { log, lines } = captureLog('info', 'reader');
    let fakeMs = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fakeMs += 3000));
    await runReports(
      config,
      [
        jobFor(findReport('people_export')!, 'csv'),
        {
          ...jobFor(findReport('people_export')!, 'json'),
          report: { ...findReport('people_export')!, countSql: undefined },
        },
      ],
      { log },
    );
    vi.restoreAllMocks();
    const uncounted = lines.filter((line) => line.msg === 'writing' && line.file === 'people_export.json');
    expect(uncounted.length).toBeGreaterThan(0);
    for (const line of uncounted) {
      expect(line).toMatchObject({ rowsWritten: expect.any(Number), rowsPerSecond: expect.any(Number) });
      expect(line).not.toHaveProperty('percent');
    }
  });
});
