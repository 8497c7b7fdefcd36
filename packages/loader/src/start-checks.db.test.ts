import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@rollcall/shared';
import {
  useTestDatabase,
  maySkipUnprivileged,
  unprivilegedCommand,
  UNPRIVILEGED_UID,
  LOADER_MAIN,
  runJob,
} from '@rollcall/testkit';
import { dataset, PEOPLE_CSV, PLACES_CSV, type Dataset } from './testing/datasets.ts';

const asNobody = unprivilegedCommand(LOADER_MAIN);

/** A dataset the unprivileged user can reach and read (mkdtemp makes folders private). */
function reachable(data: Dataset): Dataset {
  chmodSync(dirname(data.dir), 0o755);
  chmodSync(data.dir, 0o755);
  return data;
}

// Each of these failures is found before the database is touched: the test database must
// still be empty afterwards (no schema, no load_runs row, no lock taken).
describe('the loader checks its folders and files at start, before the database', () => {
  const t = useTestDatabase('start_checks');

  const tables = async () =>
    Number(
      (await t.db('information_schema.tables').where('table_schema', t.env.MYSQL_DATABASE).count({ n: '*' }))[0]!.n,
    );
  const run = (data: Dataset, env: Record<string, string> = {}, wrapper: string[] = []) =>
    runJob(LOADER_MAIN, { ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports, ...env }, { wrapper });

  it('refuses a REPORTS_DIR that is a regular file with OUTPUT_UNUSABLE naming it', async () => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    writeFileSync(data.reports, 'not a folder');
    const result = await run(data);
    expect(result.code).toBe(EXIT_CODES.OUTPUT_UNUSABLE);
    expect(result.lines.at(-1)).toMatchObject({
      code: 'OUTPUT_UNUSABLE',
      folder: data.reports,
      setting: 'REPORTS_DIR',
    });
    expect(result.lines.at(-1)!.msg).toMatch(/is a file, not a folder.*runs as uid \d+.*belongs to uid \d+.*To fix:/);
    expect(await tables()).toBe(0);
  });

  it('refuses a rejects folder that is a regular file', async () => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    mkdirSync(data.reports);
    writeFileSync(join(data.reports, 'rejects'), '');
    const result = await run(data);
    expect(result.code).toBe(EXIT_CODES.OUTPUT_UNUSABLE);
    expect(result.lines.at(-1)).toMatchObject({ folder: join(data.reports, 'rejects') });
    expect(await tables()).toBe(0);
  });

  it('ends at once on REPORTS_DIR=/proc/rollcall, where mkdir used to be retried for ever', async () => {
    const result = await run(dataset(PLACES_CSV, PEOPLE_CSV), { REPORTS_DIR: '/proc/rollcall' });
    expect(result.code).toBe(EXIT_CODES.OUTPUT_UNUSABLE);
    expect(result.lines.at(-1)!.msg).toMatch(
      /\/proc\/rollcall does not exist and cannot be created \(ENOENT\).*\/proc, its nearest existing parent, belongs to uid 0/,
    );
    expect(await tables()).toBe(0);
  });

  it('refuses a UTF-16 file, naming its encoding and saying to convert it to UTF-8', async () => {
    const people = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PEOPLE_CSV, 'utf16le')]);
    const result = await run(dataset(PLACES_CSV, people));
    expect(result.code).toBe(EXIT_CODES.INPUT_ENCODING);
    expect(result.lines.at(-1)).toMatchObject({ code: 'INPUT_ENCODING', file: 'people.csv', encoding: 'UTF-16LE' });
    expect(result.lines.at(-1)!.msg).toMatch(/convert it to UTF-8/);
    expect(await tables()).toBe(0);
  });

  describe(`run as uid ${UNPRIVILEGED_UID}`, () => {
    it.skipIf(maySkipUnprivileged(asNobody))(
      'refuses a read-only REPORTS_DIR, naming the folder, the uid and the owner',
      async () => {
        expect(asNobody, 'cannot switch to an unprivileged user (needs root and setpriv)').toBeDefined();
        const data = reachable(dataset(PLACES_CSV, PEOPLE_CSV));
        mkdirSync(data.reports, { mode: 0o755 });
        const result = await run(data, {}, asNobody!);
        expect(result.code).toBe(EXIT_CODES.OUTPUT_UNUSABLE);
        expect(result.lines.at(-1)).toMatchObject({
          code: 'OUTPUT_UNUSABLE',
          folder: data.reports,
          uid: UNPRIVILEGED_UID,
          ownerUid: 0,
        });
        expect(result.lines.at(-1)!.msg).toMatch(
          new RegExp(`cannot be written \\(EACCES\\); the job runs as uid ${UNPRIVILEGED_UID} .*belongs to uid 0`),
        );
        expect(await tables()).toBe(0);
      },
    );

    it.skipIf(maySkipUnprivileged(asNobody))(
      'refuses an input file it cannot read with exit 4, naming the file and the reason',
      async () => {
        expect(asNobody, 'cannot switch to an unprivileged user (needs root and setpriv)').toBeDefined();
        const data = reachable(dataset(PLACES_CSV, PEOPLE_CSV));
        mkdirSync(data.reports, { mode: 0o777 });
        chmodSync(data.reports, 0o777);
        chmodSync(join(data.dir, 'people.csv'), 0o000);
        const result = await run(data, {}, asNobody!);
        expect(result.code).toBe(EXIT_CODES.INPUT_UNREADABLE);
        expect(result.lines.at(-1)).toMatchObject({ code: 'INPUT_UNREADABLE', file: 'people.csv', reason: 'EACCES' });
        expect(result.lines.at(-1)!.msg).toMatch(/^people\.csv: cannot read .*people\.csv \(EACCES\)/);
        expect(await tables()).toBe(0);
      },
    );
  });
});
