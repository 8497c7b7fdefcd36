import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLoaderConfig, runLoad } from '@rollcall/loader';
import { createLogger, type Knex } from '@rollcall/shared';
import { lacksTool, peopleCounts, useTestDatabase } from '@rollcall/testkit';
import { findMysqlClient, runSqlFile } from './mysql-client.ts';

const LOADER_SQL = fileURLToPath(new URL('../../../../sql/loader.sql', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));
const client = findMysqlClient();

/** Both tables, text as hex so that every byte is compared. */
async function snapshot(db: Knex) {
  const [places] = await db.raw(
    'SELECT id, HEX(city) AS city, HEX(county) AS county, HEX(country) AS country FROM places ORDER BY id',
  );
  const [people] = await db.raw(
    'SELECT id, HEX(given_name) AS given, HEX(family_name) AS family, date_of_birth AS born, place_id AS place FROM people ORDER BY id',
  );
  return { places, people };
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex').toUpperCase();
const place = (id: number, city: string, county: string, country: string) => ({
  id,
  city: hex(city),
  county: hex(county),
  country: hex(country),
});
const person = (id: number, given: string, family: string, born: string, placeId: number) => ({
  id,
  given: hex(given),
  family: hex(family),
  born,
  place: placeId,
});

const COUNT_COLUMNS = [
  'status',
  'method',
  'places_read',
  'places_loaded',
  'places_rejected',
  'places_duplicates',
  'people_read',
  'people_loaded',
  'people_rejected',
  'rows_read',
  'rows_loaded',
  'rows_rejected',
];

describe.skipIf(lacksTool(client !== undefined, 'the mariadb or mysql client on PATH'))(
  'sql/loader.sql run with the command-line client',
  () => {
    const t = useTestDatabase('loader_sql');
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'rollcall-loader-sql-'));
    });
    afterAll(async () => {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    /** Runs loader.sql from `dir`; the fixtures have rejects on purpose, so the limit is off unless given. */
    const load = (dir: string, maxRejectRatio: number | 'default' = 1) =>
      runSqlFile(client!, t.config, {
        file: LOADER_SQL,
        cwd: dir,
        ...(maxRejectRatio === 'default' ? {} : { initCommand: `SET @max_reject_ratio = ${maxRejectRatio}` }),
      });
    const lastRun = async () => (await t.db('load_runs').orderBy('id', 'desc').first()) as Record<string, unknown>;
    const workTables = async () => {
      const [rows] = await t.db.raw(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND (table_name LIKE 'load\\_sql\\_%' OR table_name LIKE '%\\_next' OR table_name LIKE '%\\_old')",
      );
      return (rows as { name: string }[]).map((r) => r.name);
    };
    async function dataDir(name: string, files: Record<string, string>): Promise<string> {
      const dir = join(scratch, name);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir);
      for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
      return dir;
    }

    it('applies every row rule of the TypeScript loader and keeps multi-byte and 4-byte text byte-exact', async () => {
      const run = await load(fixture('every-rule'));
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(await snapshot(t.db)).toEqual({
        places: [
          place(1, 'Kelso', 'Roxburghshire', 'Scotland'),
          place(2, 'Derry, Londonderry', 'Londonderry', 'Northern Ireland'),
          place(3, 'Ærø', 'Fife', 'Scotland'),
          place(4, '𝔊lan', 'Gwynedd', 'Wales'),
          place(5, 'Multi\nLine', 'Lothian', 'Scotland'),
          place(6, `Hundred ${'𝔊'.repeat(92)}`, 'Fife', 'Scotland'),
        ],
        people: [
          person(1, 'John', 'Williams', '1842-09-30', 1),
          person(2, 'Siobhán', 'O"Neill', '1899-06-14', 2),
          person(3, 'Åse', 'Ørsted', '2000-02-29', 3),
          person(4, '😀Zoë', '𝒮mith', '1975-12-31', 4),
          person(5, 'Space', 'Pad', '1950-01-01', 1),
          person(6, 'Multi', 'Line', '1960-05-05', 5),
          person(7, 'Tab', 'Tab\tName', '1950-01-01', 1),
          person(8, 'Stray', 'O"Brien', '1951-01-01', 1),
          person(9, '😀', 'Emoji', '1950-01-01', 1),
        ],
      });
      expect(await lastRun()).toMatchObject({
        status: 'succeeded',
        method: 'sql',
        places_file: 'places.csv',
        people_file: 'people.csv',
        message: null,
        places_read: 14,
        places_loaded: 6,
        places_rejected: 6,
        places_duplicates: 2,
        people_read: 19,
        people_loaded: 9,
        people_rejected: 10,
        rows_read: 33,
        rows_loaded: 15,
        rows_rejected: 16,
      });
      const counts = await peopleCounts(t.db);
      expect(counts.held).toEqual(counts.fromPeople);
      expect(counts.held).toEqual([
        { place_id: 1, decade: 1840, people: 1 },
        { place_id: 1, decade: 1950, people: 4 },
        { place_id: 2, decade: 1890, people: 1 },
        { place_id: 3, decade: 2000, people: 1 },
        { place_id: 4, decade: 1970, people: 1 },
        { place_id: 5, decade: 1960, people: 1 },
      ]);
      // No reject file on this path: the client prints the reasons instead.
      expect(run.stdout).toContain('places.csv\tPLACE_CONFLICT\t1\t7');
      expect(run.stdout).toContain('people.csv\tBAD_DATE\t4\t8');
      expect(await workTables()).toEqual([]);
    });

    it('reads CRLF files with quoted last fields and a BOM, and a second run replaces the data with the same ids', async () => {
      for (let i = 0; i < 2; i++) {
        const run = await load(fixture('crlf'));
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
      }
      expect(await snapshot(t.db)).toEqual({
        places: [
          place(1, 'Kelso', 'Roxburghshire', 'Scotland'),
          place(2, 'Ayr', 'Ayrshire', 'Scotland'),
          place(3, 'Multi\r\nLine', 'Lothian', 'Scotland'),
          place(4, 'Łódź', 'Łódzkie', 'Polska'),
        ],
        people: [
          person(1, 'John', 'Williams', '1842-09-30', 1),
          person(2, 'Zoë', 'Ørsted', '1901-01-01', 2),
          person(3, '𝒜da', 'Lovelace', '1815-12-10', 3),
          person(4, 'Maria', 'Skłodowska', '1867-11-07', 4),
        ],
      });
      const runs = await t.db('load_runs').orderBy('id', 'desc').limit(2);
      expect(runs.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(runs[0]).toMatchObject({ places_read: 4, people_read: 5, people_rejected: 1 });
    });

    it.each(['every-rule', 'crlf'])(
      'gives the same tables and counts as the TypeScript loader on the %s fixture',
      async (name) => {
        const reports = join(scratch, `reports-${name}`);
        const env = { ...t.env, DATA_DIR: fixture(name), REPORTS_DIR: reports, MAX_REJECT_RATIO: '1' };
        const summary = await runLoad(readLoaderConfig(env), { log: createLogger({ level: 'silent', job: 'loader' }) });
        const fromTs = await snapshot(t.db);
        const countsFromTs = await peopleCounts(t.db);
        expect(countsFromTs.held).toEqual(countsFromTs.fromPeople);
        const tsRun = await t.db('load_runs').where({ id: summary.runId }).first();

        const run = await load(fixture(name));
        expect(run.exitCode).toBe(0);
        expect(await snapshot(t.db)).toEqual(fromTs);
        expect((await peopleCounts(t.db)).held).toEqual(countsFromTs.held);
        const pick = (row: Record<string, unknown>) => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, row[c]]));
        expect(pick(await lastRun())).toEqual({ ...pick(tsRun), method: 'sql' });
      },
    );

    it('stops on a header without a required column, names it, and leaves the previous data as it was', async () => {
      await load(fixture('crlf'));
      const before = await snapshot(t.db);
      const dir = await dataDir('no-county', {
        'places.csv': 'city,country\nKelso,Scotland\n',
        'people.csv': 'given_name,family_name,date_of_birth,place_of_birth\nJohn,Williams,1842-09-30,Kelso\n',
      });
      const run = await load(dir);
      expect(run.exitCode).not.toBe(0);
      expect(run.stdout).toContain(
        'places.csv line 1: header lacks required column county; expected city,county,country (any order), found city,country',
      );
      expect(run.stderr).toMatch(
        /^ERROR 1644 \(45000\) at line \d+: places\.csv line 1: header lacks required column county; expected city,county,country/m,
      );
      expect(run.stderr).not.toMatch(/Unknown column/);
      expect(await snapshot(t.db)).toEqual(before);
      expect(await lastRun()).toMatchObject({
        status: 'failed',
        message: expect.stringContaining('lacks required column county'),
      });
      expect(await workTables()).toEqual([]);
    });

    it('refuses the whole load when more rows are rejected than @max_reject_ratio allows', async () => {
      await load(fixture('crlf'));
      const before = await snapshot(t.db);
      const run = await load(fixture('every-rule'), 'default');
      expect(run.exitCode).not.toBe(0);
      expect(run.stdout).toContain(
        'places.csv: 6 of 14 rows rejected (42.86%), more than max_reject_ratio=0.01; load refused',
      );
      // The client's error is the reason itself (MySQL keeps 128 characters of it), not an SQL error.
      expect(run.stderr).toMatch(
        /^ERROR 1644 \(45000\) at line \d+: places\.csv: 6 of 14 rows rejected \(42\.86%\), more than max_reject_ratio=0\.01; load refused/m,
      );
      expect(await snapshot(t.db)).toEqual(before);
      expect(await lastRun()).toMatchObject({ status: 'refused', places_rejected: 6, people_rejected: 10 });
      expect(await workTables()).toEqual([]);
    });

    it('cuts a reason longer than the 128 characters MySQL allows SIGNAL, and prints it whole', async () => {
      const dir = await dataDir('bad-people-header', {
        'places.csv': 'city,county,country\nKelso,Roxburghshire,Scotland\n',
        'people.csv': 'first,last,born,place\nJohn,Williams,1842-09-30,Kelso\n',
      });
      const run = await load(dir);
      expect(run.exitCode).not.toBe(0);
      const reason = /^ERROR 1644 \(45000\) at line \d+: (.*)$/m.exec(run.stderr)?.[1];
      expect(reason).toMatch(
        /^people\.csv line 1: header lacks required columns given_name, family_name, date_of_birth, place_of_birth; .*…$/,
      );
      expect([...reason!]).toHaveLength(128);
      expect(run.stdout).toContain('(any order), found first,last,born,place');
    });

    it('stops when people.csv has no data rows after its header', async () => {
      const dir = await dataDir('no-people', {
        'places.csv': 'city,county,country\nKelso,Roxburghshire,Scotland\n',
        'people.csv': 'given_name,family_name,date_of_birth,place_of_birth\n\n',
      });
      const run = await load(dir);
      expect(run.exitCode).not.toBe(0);
      expect(run.stdout).toContain('people.csv: no data rows after the header');
      expect(await lastRun()).toMatchObject({ status: 'failed', places_read: 1, people_read: 0 });
    });

    it("does not start while another load holds the TypeScript loader's lock on this database", async () => {
      const holder = await t.db.transaction();
      try {
        await holder.raw("SELECT GET_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE())), 0)");
        const runsBefore = await t.db('load_runs').count({ n: '*' }).first();
        const run = await load(fixture('crlf'));
        expect(run.exitCode).not.toBe(0);
        expect(run.stdout).toContain(`another load into database ${t.config.database} is running`);
        expect(run.stderr).toContain(`(45000) at line`);
        expect(run.stderr).toContain(`: another load into database ${t.config.database} is running`);
        expect(await t.db('load_runs').count({ n: '*' }).first()).toEqual(runsBefore);
      } finally {
        await holder.raw("SELECT RELEASE_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE())))");
        await holder.rollback();
      }
    });

    it('leaves a run stopped by a client error running, and the next load marks it abandoned', async () => {
      const dir = await dataDir('no-files', {});
      const run = await load(dir);
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toMatch(/places\.csv/);
      const stopped = await lastRun();
      expect(stopped).toMatchObject({ status: 'running' });
      expect((await load(fixture('crlf'))).exitCode).toBe(0);
      expect(await t.db('load_runs').where({ id: stopped.id }).first()).toMatchObject({ status: 'abandoned' });
    });
  },
);
