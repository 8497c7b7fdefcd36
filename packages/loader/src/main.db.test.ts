import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@rollcall/shared';
import { barEnding, runInTerminal, terminalAvailable, useTestDatabase, LOADER_MAIN, runJob } from '@rollcall/testkit';
import { dataset, PEOPLE_CSV, PLACES_CSV, type Dataset } from './testing/datasets.ts';

const BAR =
  /people\.csv \[[=-]{30}\] +\d+\.\d% \| (\d+ rows\/s \| (\?|\d+s) left|waiting for the server to store the last rows)/;

describe('the loader as a process', () => {
  const t = useTestDatabase('main');

  const run = (data: Dataset, env: Record<string, string> = {}) =>
    runJob(LOADER_MAIN, { ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports, ...env });

  it('exits 0 and ends with one JSON summary line with counts and duration', async () => {
    const result = await run(dataset(PLACES_CSV, PEOPLE_CSV));
    expect(result.code).toBe(EXIT_CODES.OK);
    const last = result.lines.at(-1)!;
    expect(last).toMatchObject({ msg: 'load complete', job: 'loader', rowsRead: 11, rowsLoaded: 11, rowsRejected: 0 });
    expect(last.seconds).toBeGreaterThan(0);
  });

  it('explains the tail of each file and the swap with a waiting line, and draws no bar when stderr is not a terminal', async () => {
    const result = await run(dataset(PLACES_CSV, PEOPLE_CSV));
    expect(result.code).toBe(EXIT_CODES.OK);
    const waiting = result.lines.filter((line) => line.msg.startsWith('waiting for'));
    const people = result.lines.find((line) => line.msg === 'people loaded into staging')!;
    expect(waiting).toEqual([
      expect.objectContaining({
        file: 'places.csv',
        msg: 'waiting for the server to store the last rows',
        percent: 100,
        elapsedS: expect.any(Number),
        waitingS: 0,
      }),
      expect.objectContaining({
        file: 'people.csv',
        msg: 'waiting for the server to store the last rows',
        rowsRead: people.read,
        percent: 100,
        elapsedS: expect.any(Number),
        waitingS: 0,
      }),
      expect.objectContaining({ msg: 'waiting for the table swap', runId: expect.any(Number), waitingS: 0 }),
    ]);
    expect(result.lines.indexOf(waiting[2]!)).toBeLessThan(result.lines.length - 1);
    expect(result.stderr).toBe('');
  });

  it.skipIf(!terminalAvailable())('draws a progress bar per file in a terminal and leaves a clean line', async () => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    const { code, screen } = await runInTerminal([process.execPath, '--conditions=development', LOADER_MAIN], {
      ...t.env,
      DATA_DIR: data.dir,
      REPORTS_DIR: data.reports,
    });
    expect(code).toBe(EXIT_CODES.OK);
    expect(barEnding(screen, BAR)).toEqual({ drawn: true, cursorShown: true, lineCleared: true });
    expect(screen).toContain('load complete');
    expect(screen).not.toMatch(/INFO.*: loading/);
  });

  it('never writes the password, whatever happens', async () => {
    const ok = await run(dataset(PLACES_CSV, PEOPLE_CSV), { LOG_LEVEL: 'trace' });
    const denied = await run(dataset(PLACES_CSV, PEOPLE_CSV), {
      MYSQL_PASSWORD: 'wrong-Secret-42',
      DB_WAIT_TIMEOUT_S: '1',
    });
    expect(denied.code).toBe(EXIT_CODES.DB_ACCESS_DENIED);
    expect(ok.stdout + ok.stderr).not.toContain(t.env.MYSQL_PASSWORD);
    expect(denied.stdout + denied.stderr).not.toContain('wrong-Secret-42');
  });

  it('exits 2 naming every missing variable at once', async () => {
    const result = await runJob(LOADER_MAIN, { MYSQL_PORT: 'x' });
    expect(result.code).toBe(EXIT_CODES.CONFIG_INVALID);
    const error = result.lines.find((line) => line.level === 50)!;
    expect(error.msg).toMatch(/MYSQL_HOST[\s\S]*MYSQL_PORT[\s\S]*MYSQL_USER[\s\S]*MYSQL_DATABASE/);
  });

  it('exits 4 on a bad header, naming the file, the line and the expected columns', async () => {
    const result = await run(dataset('town,county,country\nKelso,Roxburghshire,Scotland\n', PEOPLE_CSV));
    expect(result.code).toBe(EXIT_CODES.BAD_HEADER);
    expect(result.lines.at(-1)).toMatchObject({ code: 'BAD_HEADER', file: 'places.csv', line: 1, missing: ['city'] });
  });

  it('exits 5 when the reject limit is exceeded', async () => {
    const result = await run(dataset(PLACES_CSV, `${PEOPLE_CSV}\r\nAnn,Smith,1999-02-30,Kelso`), {
      MAX_REJECT_RATIO: '0',
    });
    expect(result.code).toBe(EXIT_CODES.REJECT_LIMIT);
  });

  it('exits 3 naming host and port when the database never appears', async () => {
    const result = await run(dataset(PLACES_CSV, PEOPLE_CSV), {
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: '1',
      DB_WAIT_TIMEOUT_S: '1',
    });
    expect(result.code).toBe(EXIT_CODES.DB_UNAVAILABLE);
    expect(result.lines.at(-1)!.msg).toMatch(/127\.0\.0\.1:1 not reachable after 1 s/);
    expect(result.lines.filter((line) => line.msg === 'database not ready, retrying').length).toBeGreaterThan(0);
  });

  it('exits 6 while another load holds the lock, leaving the data alone', async () => {
    await run(dataset(PLACES_CSV, PEOPLE_CSV));
    const holder = await t.db.transaction();
    try {
      await holder.raw("SELECT GET_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE())), 0)");
      const result = await run(
        dataset(
          'city,county,country\nA,B,C\n',
          'given_name,family_name,date_of_birth,place_of_birth\nX,Y,2000-01-01,A\n',
        ),
      );
      expect(result.code).toBe(EXIT_CODES.LOAD_LOCKED);
      expect(result.lines.at(-1)!.msg).toMatch(/Another load into database '.+' is running/);
    } finally {
      // A user lock belongs to the session, not the transaction: release it explicitly.
      await holder.raw("SELECT RELEASE_LOCK(CONCAT('rollcall.load.', SHA1(DATABASE())))");
      await holder.rollback();
    }
    expect(await t.db('people').count({ n: '*' })).toEqual([{ n: 6 }]);
  });

  it('lets two loaders started at once end with exactly one dataset', async () => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    const results = await Promise.all([run(data), run(data)]);
    const codes = results.map((r) => r.code).sort();
    expect([
      [0, 0],
      [0, EXIT_CODES.LOAD_LOCKED],
    ]).toContainEqual(codes);
    expect(await t.db('people').count({ n: '*' })).toEqual([{ n: 6 }]);
    expect(await t.db('places').count({ n: '*' })).toEqual([{ n: 5 }]);
  });
});
