import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { defaultJobs, type ReportJob } from './command.ts';
import type { ReportDefinition } from './reports/index.ts';
import { runReports } from './run-reports.ts';
import { loadFixture, readerConfig, silentLog } from './testing/fixture.ts';

const broken: ReportDefinition = {
  name: 'broken',
  description: 'fails on the server after the other reports are complete',
  sql: 'SELECT no_such_column FROM people ORDER BY id',
  columns: ['no_such_column'],
  shape: 'rows',
  defaultFormat: 'json',
};

describe('a run where one report fails', () => {
  const t = useTestDatabase('reader_failure');
  beforeAll(async () => {
    await loadFixture(
      t.db,
      [{ city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }],
      [{ given_name: 'A', family_name: 'B', date_of_birth: '1900-01-01', city: 'Kelso' }],
    );
  });

  it('replaces none of the previous files and leaves no temporary file', async () => {
    const config = await readerConfig(t);
    const jobs: ReportJob[] = [...defaultJobs(), { report: broken, format: 'json', fileName: 'broken.json' }];
    for (const job of jobs) await writeFile(join(config.reportsDir, job.fileName), `previous ${job.fileName}`);
    const before = (await readdir(config.reportsDir)).sort();

    await expect(runReports(config, jobs, { log: silentLog })).rejects.toMatchObject({ code: 'ER_BAD_FIELD_ERROR' });

    expect((await readdir(config.reportsDir)).sort()).toEqual(before);
    for (const job of jobs)
      expect(await readFile(join(config.reportsDir, job.fileName), 'utf8')).toBe(`previous ${job.fileName}`);
  });

  it('writes them all once the failing report is gone', async () => {
    const config = await readerConfig(t);
    await writeFile(join(config.reportsDir, 'summary_output.json'), 'previous');
    await runReports(config, defaultJobs(), { log: silentLog });
    expect(await readFile(join(config.reportsDir, 'summary_output.json'), 'utf8')).toBe('{"Scotland":1}');
    expect((await readdir(config.reportsDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
