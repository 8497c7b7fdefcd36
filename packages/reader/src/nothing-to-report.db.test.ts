import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRollcallError, migrateToLatest } from '@rollcall/shared';
import { useTestDatabase, READER_MAIN, runJob } from '@rollcall/testkit';
import { defaultJobs } from './command.ts';
import { runReports } from './run-reports.ts';
import { listFolder, readerConfig, recordLoadRun, silentLog } from './testing/fixture.ts';

describe('a database with nothing to report', () => {
  const t = useTestDatabase('reader_nothing', { each: true });

  /** Runs the default set into a folder holding an earlier report; returns the error code. */
  async function refusal(): Promise<{
    code: string | undefined;
    message: string;
    before: string[] | null;
    after: string[] | null;
    previous: string;
    fresh: string[] | null;
  }> {
    const config = await readerConfig(t);
    await writeFile(join(config.reportsDir, 'summary_output.json'), '{"Earlier":1}');
    const before = await listFolder(config.reportsDir);
    // Beside the folder, so that creating it changes nothing inside.
    const freshDir = `${config.reportsDir}-not-yet-created`;
    const outcomes = await Promise.allSettled([
      runReports(config, defaultJobs(), { log: silentLog }),
      runReports({ ...config, reportsDir: freshDir }, defaultJobs(), { log: silentLog }),
    ]);
    const err = outcomes[0].status === 'rejected' ? outcomes[0].reason : undefined;
    expect(outcomes[1].status).toBe('rejected');
    return {
      code: isRollcallError(err) ? err.code : undefined,
      message: (err as Error | undefined)?.message ?? '',
      before,
      after: await listFolder(config.reportsDir),
      previous: await readFile(join(config.reportsDir, 'summary_output.json'), 'utf8'),
      fresh: await listFolder(freshDir),
    };
  }

  it('refuses when the schema is absent, says to run the loader, and writes nothing', async () => {
    const result = await refusal();
    expect(result.code).toBe('NOTHING_TO_REPORT');
    expect(result.message).toMatch(/run the loader first/i);
    expect(result.after).toEqual(result.before);
    expect(result.previous).toBe('{"Earlier":1}');
    expect(result.fresh).toEqual([]);
  });

  it('refuses when no load has succeeded, even with rows in the tables', async () => {
    await migrateToLatest(t.db, silentLog);
    await t.db('places').insert({ id: 1, city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' });
    await t.db('people').insert({ given_name: 'A', family_name: 'B', date_of_birth: '1900-01-01', place_id: 1 });
    await recordLoadRun(t.db, 'failed');
    await recordLoadRun(t.db, 'running');
    await recordLoadRun(t.db, 'refused');
    const result = await refusal();
    expect(result.code).toBe('NOTHING_TO_REPORT');
    expect(result.after).toEqual(result.before);
    expect(result.previous).toBe('{"Earlier":1}');
    expect(result.fresh).toEqual([]);
  });

  it('refuses when only part of the schema is there', async () => {
    await t.db.raw('CREATE TABLE load_runs (id INT PRIMARY KEY, status VARCHAR(16))');
    await t.db.raw("INSERT INTO load_runs VALUES (1, 'succeeded')");
    const result = await refusal();
    expect(result.code).toBe('NOTHING_TO_REPORT');
    expect(result.message).toMatch(/people, people_counts, places/);
  });

  it('exits 7 from the command line and leaves REPORTS_DIR alone', async () => {
    const config = await readerConfig(t);
    await mkdir(config.reportsDir, { recursive: true });
    const run = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: config.reportsDir });
    expect(run.code).toBe(7);
    expect(run.lines.at(-1)).toMatchObject({ code: 'NOTHING_TO_REPORT', exitCode: 7 });
    expect(String(run.lines.at(-1)?.msg)).toMatch(/Run the loader first/);
    expect(await listFolder(config.reportsDir)).toEqual([]);
  });
});
