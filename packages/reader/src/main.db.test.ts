import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadPid, useTestDatabase, READER_MAIN, runJob } from '@rollcall/testkit';
import { defaultJobs } from './command.ts';
import { listFolder, loadFixture, readerConfig } from './testing/fixture.ts';

describe('npm run report', () => {
  const t = useTestDatabase('reader_main');
  beforeAll(async () => {
    await loadFixture(
      t.db,
      [
        { city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' },
        { city: 'Newry', county: 'Down', country: 'Northern Ireland' },
      ],
      [
        { given_name: 'A', family_name: 'B', date_of_birth: '1900-01-01', city: 'Kelso' },
        { given_name: 'C', family_name: 'D', date_of_birth: '1910-01-01', city: 'Kelso' },
        { given_name: 'E', family_name: 'F', date_of_birth: '1920-01-01', city: 'Newry' },
      ],
    );
  });

  it('writes the default set, exits 0 and ends with one line listing files, row counts and durations', async () => {
    const { reportsDir } = await readerConfig(t);
    const run = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reportsDir });
    expect(run.code).toBe(0);
    expect(await listFolder(reportsDir)).toEqual(
      defaultJobs()
        .map((job) => job.fileName)
        .sort(),
    );
    expect(await readFile(join(reportsDir, 'summary_output.json'), 'utf8')).toBe('{"Scotland":2,"Northern Ireland":1}');
    const last = run.lines.at(-1)!;
    expect(last.reports).toEqual(
      defaultJobs().map((job) =>
        expect.objectContaining({
          report: job.report.name,
          format: job.format,
          file: join(reportsDir, job.fileName),
          rows: expect.any(Number),
          ms: expect.any(Number),
        }),
      ),
    );
    expect(last.msg).toMatch(/^wrote 4 reports: summary → summary_output.json \(2 rows, \d+ ms\)/);
    expect(await listFolder(reportsDir)).not.toContain('people_export.csv');
  });

  it('writes one report in the format asked for', async () => {
    const { reportsDir } = await readerConfig(t);
    const run = await runJob(
      READER_MAIN,
      {
        ...t.env,
        REPORTS_DIR: reportsDir,
      },
      { args: ['--report', 'births_by_decade', '--format', 'csv'] },
    );
    expect(run.code).toBe(0);
    expect(await listFolder(reportsDir)).toEqual(['births_by_decade.csv']);
    expect(await readFile(join(reportsDir, 'births_by_decade.csv'), 'utf8')).toBe(
      'decade,people\r\n1900,1\r\n1910,1\r\n1920,1\r\n',
    );
  });

  it('writes the opt-in people export when asked for by name', async () => {
    const { reportsDir } = await readerConfig(t);
    const run = await runJob(
      READER_MAIN,
      {
        ...t.env,
        REPORTS_DIR: reportsDir,
      },
      { args: ['--report', 'people_export', '--format', 'csv'] },
    );
    expect(run.code).toBe(0);
    expect(await listFolder(reportsDir)).toEqual(['people_export.csv']);
    expect((await readFile(join(reportsDir, 'people_export.csv'), 'utf8')).split('\r\n')[1]).toBe(
      '1,A,B,1900-01-01,Kelso,Roxburghshire,Scotland',
    );
  });

  it('exits 3 when the database cannot be reached, writing nothing', async () => {
    const { reportsDir } = await readerConfig(t);
    const run = await runJob(READER_MAIN, {
      ...t.env,
      MYSQL_PORT: '1',
      DB_WAIT_TIMEOUT_S: '1',
      REPORTS_DIR: reportsDir,
    });
    expect(run.code).toBe(3);
    expect(run.lines.at(-1)).toMatchObject({ code: 'DB_UNAVAILABLE' });
    expect(await listFolder(reportsDir)).toEqual([]);
  });

  it('removes the hidden temporary files of readers that died, keeping those of live ones', async () => {
    const { reportsDir } = await readerConfig(t);
    await mkdir(reportsDir, { recursive: true });
    const dead = `.summary_output.json.${deadPid()}.0123abcd.tmp`;
    const live = `.summary_output.json.${process.ppid}.0123abcd.tmp`;
    await writeFile(join(reportsDir, dead), '{');
    await writeFile(join(reportsDir, live), '{');
    const run = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reportsDir }, { args: ['--report', 'summary'] });
    expect(run.code).toBe(0);
    expect(await listFolder(reportsDir)).toEqual([live, 'summary_output.json'].sort());
  });
});
