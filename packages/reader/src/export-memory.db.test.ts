import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, READER_MAIN, runJob } from '@rollcall/testkit';
import { findReport } from './reports/index.ts';
import { loadFixture } from './testing/fixture.ts';

const PEOPLE = 1_000_000;
const PLACES = 100;
const MAX_RSS_KB = 150 * 1024;

// 0..10^digits-1 as the cross product of digit tables: one INSERT…SELECT, portable to MySQL
// and MariaDB (their recursive-CTE depth limits differ).
const DIGITS = `(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)`;
function generatePeople(digits: number, places: number): string {
  const tables = Array.from({ length: digits }, (_, i) => `${DIGITS} d${i}`).join(', ');
  const n = Array.from({ length: digits }, (_, i) => `${10 ** i} * d${i}.d`).join(' + ');
  return `
    INSERT INTO people (given_name, family_name, date_of_birth, place_id)
    SELECT CONCAT('Given', n), CONCAT('Family, "', n, '"'), DATE '1850-01-01' + INTERVAL (n % 50000) DAY, 1 + n % ${places}
    FROM (SELECT ${n} AS n FROM ${tables}) AS numbers
    ORDER BY n`;
}

/** Lines in a file, counted in chunks (the export is far too big to read whole). */
async function countLines(file: string): Promise<{ lines: number; last: string }> {
  let lines = 0;
  let tail = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    for (let i = (chunk as string).indexOf('\n'); i !== -1; i = (chunk as string).indexOf('\n', i + 1)) lines++;
    tail = (tail + (chunk as string)).slice(-300);
  }
  return { lines, last: tail.trimEnd().split('\r\n').at(-1) ?? '' };
}

describe('the full export of a large load', () => {
  const t = useTestDatabase('reader_export');
  beforeAll(async () => {
    const places = Array.from({ length: PLACES }, (_, i) => ({
      city: `City ${i + 1}`,
      county: `County ${i % 7}`,
      country: i % 2 ? 'Scotland' : 'Northern Ireland',
    }));
    await loadFixture(t.db, places, []);
    await t.db.raw(generatePeople(6, PLACES));
  }, 120_000);

  it('plans the export without sorting: people in primary-key order, places by primary key', async () => {
    const [plan] = (await t.db.raw(`EXPLAIN ${findReport('people_export')!.sql}`)) as [
      Array<{ table: string; key: string | null; Extra: string | null }>,
    ];
    expect(plan.map((step) => [step.table, step.key])).toEqual([
      ['p', 'PRIMARY'],
      ['pl', 'PRIMARY'],
    ]);
    for (const step of plan) expect(step.Extra ?? '').not.toMatch(/filesort|temporary/i);
  });

  it('streams a million people to CSV within a fixed memory bound, every row written', async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'rollcall-export-'));
    const rssFile = join(reportsDir, '.rss');
    // --max-old-space-size turns "memory grows with the rows" into a crash rather than a
    // number that depends on when V8 collects; /usr/bin/time reports the peak RSS.
    const run = await runJob(
      READER_MAIN,
      { ...t.env, REPORTS_DIR: reportsDir, LOG_LEVEL: 'info' },
      {
        args: ['--report', 'people_export', '--format', 'csv'],
        nodeOptions: ['--max-old-space-size=64'],
        wrapper: ['/usr/bin/time', '-f', '%M', '-o', rssFile],
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const peakRssKb = Number((await readFile(rssFile, 'utf8')).trim().split('\n').at(-1));
    expect(peakRssKb).toBeGreaterThan(0);
    expect(peakRssKb).toBeLessThan(MAX_RSS_KB);
    expect(run.lines.at(-1)?.reports).toEqual([expect.objectContaining({ report: 'people_export', rows: PEOPLE })]);
    const { lines, last } = await countLines(join(reportsDir, 'people_export.csv'));
    expect(lines).toBe(PEOPLE + 1);
    expect(last).toBe(`${PEOPLE},Given999999,"Family, ""999999""",${lastDate()},City 100,County 1,Scotland`);
  }, 90_000);
});

describe('an export interrupted midway', () => {
  const t = useTestDatabase('reader_interrupt');
  beforeAll(async () => {
    await loadFixture(t.db, [{ city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }], []);
    // 100,000 rows: enough to still be streaming when the signal lands.
    await t.db.raw(generatePeople(5, 1));
  }, 60_000);

  it('exits 143 on SIGTERM, keeping the previous file and leaving no temporary file', async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'rollcall-interrupt-'));
    await writeFile(join(reportsDir, 'people_export.csv'), 'previous\r\n');
    let signalled = false;
    const run = await runJob(
      READER_MAIN,
      { ...t.env, REPORTS_DIR: reportsDir },
      {
        args: ['--report', 'people_export', '--format', 'csv'],
        onLine: (log, job) => {
          if (log.msg === 'writing reports' && !signalled) {
            signalled = true;
            setTimeout(() => job.kill('SIGTERM'), 100);
          }
        },
      },
    );
    expect(signalled).toBe(true);
    expect(run.code).toBe(143);
    expect(run.lines.at(-1)).toMatchObject({ code: 'INTERRUPTED', exitCode: 143 });
    expect(await readdir(reportsDir)).toEqual(['people_export.csv']);
    expect(await readFile(join(reportsDir, 'people_export.csv'), 'utf8')).toBe('previous\r\n');
  }, 60_000);
});

function lastDate(): string {
  const date = new Date(Date.UTC(1850, 0, 1 + (999_999 % 50_000)));
  return date.toISOString().slice(0, 10);
}
