import { mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, EXIT_CODES, type Knex } from '@rollcall/shared';
import {
  lacksTool,
  startTcpProxy,
  startThrowawayServer,
  type TcpProxy,
  type ThrowawayServer,
  throwawayServerAvailable,
  useTestDatabase,
  LOADER_MAIN,
  READER_MAIN,
  runJob,
} from '@rollcall/testkit';
import { defaultJobs, jobFor } from './command.ts';
import { findReport } from './reports/index.ts';
import { runReports } from './run-reports.ts';
import { withReadSnapshot } from './snapshot.ts';
import { loadFixture, readerConfig, silentLog } from './testing/fixture.ts';

/** Every report: the default set and the opt-in export. */
const EVERY_REPORT = [...defaultJobs(), jobFor(findReport('people_export')!)];

/** Runs the loader as its own process (the reader does not depend on the loader package). */
async function runLoader(env: Record<string, string>): Promise<number | null> {
  return (await runJob(LOADER_MAIN, env)).code;
}

/** A DATA_DIR of `people` rows over the given places. */
function csvDataset(places: [string, string, string][], people: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-reader-data-'));
  writeFileSync(join(dir, 'places.csv'), ['city,county,country', ...places.map((place) => place.join(','))].join('\n'));
  const rows = ['given_name,family_name,date_of_birth,place_of_birth'];
  for (let i = 0; i < people; i++)
    rows.push(
      `Given${i},Family${i},19${String(i % 100).padStart(2, '0')}-06-15,${places[(i * 7) % places.length]![0]}`,
    );
  writeFileSync(join(dir, 'people.csv'), rows.join('\n'));
  return dir;
}

/** The previous reports, as a folder of distinctive files, to prove a failed run left them. */
async function previousReports(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const job of EVERY_REPORT) {
    files[job.fileName] = `previous ${job.fileName}\n`;
    await writeFile(join(dir, job.fileName), files[job.fileName]!);
  }
  return files;
}

async function folderContents(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

describe('a reader during loads', () => {
  const t = useTestDatabase('reader_during_loads');
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('writes every run from one whole dataset, the old or the new, while loads of two datasets alternate', async () => {
    const a = csvDataset(
      [
        ['Kelso', 'Roxburghshire', 'Scotland'],
        ['Cork', 'Cork', 'Éire'],
      ],
      3_000,
    );
    const b = csvDataset(
      [
        ['東京', '東京都', '日本'],
        ['Kelso', 'Roxburghshire', 'Scotland'],
        ['Lyon', 'Rhône', 'France'],
      ],
      5_000,
    );
    dirs.push(a, b);
    const load = (dir: string) => runLoader({ ...t.env, DATA_DIR: dir, REPORTS_DIR: join(dir, 'reports') });
    expect(await load(a)).toBe(0);
    const config = await readerConfig(t);
    dirs.push(config.reportsDir);
    const summaryNow = async () => {
      await runReports(config, EVERY_REPORT, { log: silentLog });
      return readFile(join(config.reportsDir, 'summary_output.json'), 'utf8');
    };
    const summaries = { a: await summaryNow(), b: '' };
    expect(await load(b)).toBe(0);
    summaries.b = await summaryNow();
    expect(summaries.a).not.toBe(summaries.b);

    const seen = new Map<string, number>();
    const failures: string[] = [];
    let loading = true;
    const readLoop = (async () => {
      while (loading) {
        try {
          const summary = await summaryNow();
          // Every report of one run reads the same snapshot: the export holds the people the summary counts.
          const people = Object.values(JSON.parse(summary) as Record<string, number>).reduce((sum, n) => sum + n, 0);
          const exportLines =
            (await readFile(join(config.reportsDir, 'people_export.csv'), 'utf8')).trimEnd().split('\r\n').length - 1;
          expect(exportLines).toBe(people);
          seen.set(summary, (seen.get(summary) ?? 0) + 1);
        } catch (err) {
          failures.push(`${(err as { code?: string }).code ?? ''} ${(err as Error).message}`);
        }
      }
    })();
    try {
      for (const dir of [a, b, a, b]) expect(await load(dir)).toBe(0);
    } finally {
      loading = false;
      await readLoop;
    }
    expect(failures).toEqual([]);
    expect([...seen.keys()].sort()).toEqual([summaries.a, summaries.b].sort());
  });

  it('reads again from a fresh snapshot when a load swapped its tables in after the snapshot began', async () => {
    const small = csvDataset([['Kelso', 'Roxburghshire', 'Scotland']], 7);
    const large = csvDataset([['Kelso', 'Roxburghshire', 'Scotland']], 11);
    dirs.push(small, large);
    expect(await runLoader({ ...t.env, DATA_DIR: small, REPORTS_DIR: join(small, 'reports') })).toBe(0);
    let attempts = 0;
    const count = await withReadSnapshot(t.db, async (snapshot) => {
      attempts++;
      // The snapshot has begun and read nothing yet: the loader's swap does not wait for it.
      if (attempts === 1)
        expect(await runLoader({ ...t.env, DATA_DIR: large, REPORTS_DIR: join(large, 'reports') })).toBe(0);
      const [row] = await snapshot.rows<{ n: number }>('SELECT COUNT(*) AS n FROM people');
      return row!.n;
    });
    expect(attempts).toBe(2);
    expect(count).toBe(11);
  });
});

// The database lost mid-report, on a server of the test's own so it can be killed.
describe.skipIf(lacksTool(throwawayServerAvailable(), 'the MariaDB server binaries'))(
  'the database lost while reports are written',
  () => {
    let server: ThrowawayServer;
    let proxy: TcpProxy;
    let db: Knex;
    let reportsDir: string;
    let previous: Record<string, string>;
    beforeAll(async () => {
      server = await startThrowawayServer();
      proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port });
      db = createDb(server.config, { poolMax: 2 });
      const places = Array.from({ length: 50 }, (_, i) => ({
        city: `City ${i}`,
        county: `County ${i % 7}`,
        country: `Country ${i % 3}`,
      }));
      await loadFixture(db, places, []);
      // 400,000 people in one statement (MariaDB's sequence engine): an export that takes a while.
      await db.raw(`INSERT INTO people (given_name, family_name, date_of_birth, place_id)
      SELECT CONCAT('Given', seq), CONCAT('Family', seq), DATE '1900-01-01' + INTERVAL (seq % 30000) DAY, 1 + seq % 50 FROM seq_1_to_400000`);
      reportsDir = mkdtempSync(join(tmpdir(), 'rollcall-reader-faults-'));
    }, 120_000);
    afterAll(async () => {
      await db?.destroy();
      await proxy?.close();
      await server?.dispose();
      if (reportsDir) await rm(reportsDir, { recursive: true, force: true });
    });
    /** Starts the server again and opens new connections (the old ones died with it). */
    async function restart() {
      await server.restart();
      await db.destroy();
      db = createDb(server.config, { poolMax: 2 });
    }
    beforeEach(async () => {
      if (!server.running) await restart();
      previous = await previousReports(reportsDir);
    });

    /** Resolves once the server is seen running the export's query (it streams for a second or more). */
    async function exportRunning(): Promise<void> {
      for (let polls = 0; polls < 500; polls++) {
        const [[row]] = await db.raw(
          "SELECT EXISTS (SELECT 1 FROM information_schema.processlist WHERE info LIKE '%STRAIGHT_JOIN%' AND id <> CONNECTION_ID()) AS running",
        );
        if (Number(row.running) === 1) return;
        await sleep(10);
      }
    }

    /** Starts the export and calls `fault` once it is under way. */
    function reportWith(fault: () => Promise<void> | void, env: Record<string, string> = {}) {
      let struck = false;
      return runJob(
        READER_MAIN,
        { ...server.env, REPORTS_DIR: reportsDir, ...env },
        {
          args: ['--report', 'people_export', '--format', 'csv'],
          onLine: (log) => {
            if (!struck && log.msg === 'writing reports') {
              struck = true;
              void exportRunning().then(fault);
            }
          },
        },
      ).then((run) => ({ ...run, struck }));
    }

    async function expectPreviousReportsAndARerun() {
      expect(await folderContents(reportsDir)).toEqual(previous);
      const rerun = await runJob(
        READER_MAIN,
        {
          ...server.env,
          REPORTS_DIR: reportsDir,
        },
        { args: ['--report', 'people_export', '--format', 'csv'] },
      );
      expect(rerun.code).toBe(EXIT_CODES.OK);
      expect((await readFile(join(reportsDir, 'people_export.csv'), 'utf8')).trimEnd().split('\r\n')).toHaveLength(
        400_001,
      );
    }

    it('exits 3 with DB_LOST when the server is killed mid-export, leaving the previous reports and no partial file', async () => {
      const run = await reportWith(() => server.kill('SIGKILL'));
      expect(run.struck).toBe(true);
      expect(run.code).toBe(EXIT_CODES.DB_LOST);
      expect(run.lines.at(-1)).toMatchObject({ level: 50, code: 'DB_LOST' });
      expect(String(run.lines.at(-1)!.msg)).toMatch(/^Lost the database connection while reading/);
      await restart();
      await expectPreviousReportsAndARerun();
    });

    it.each([
      ['closed', false],
      ['reset', true],
    ])(
      'exits 3 with DB_LOST when its connection is %s mid-export, leaving the previous reports and no partial file',
      async (_how, reset) => {
        const run = await reportWith(() => proxy.cutAll({ reset }), { MYSQL_PORT: String(proxy.port) });
        expect(run.struck).toBe(true);
        expect(run.code).toBe(EXIT_CODES.DB_LOST);
        expect(run.lines.at(-1)).toMatchObject({ level: 50, code: 'DB_LOST' });
        await expectPreviousReportsAndARerun();
      },
    );
  },
);
