import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@rollcall/shared';
import { captureLog, useTestDatabase, LOADER_MAIN, runJob } from '@rollcall/testkit';
import { readLoaderConfig } from './config.ts';
import { runLoad } from './load.ts';
import { PEOPLE_CSV, PLACES_CSV, snapshotTables, type Dataset } from './testing/datasets.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

/** Every file under `dir`, as text (reject files, temporary files, anything). */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(readFileSync(join(entry.parentPath, entry.name), 'latin1'));
  }
  return found;
}

describe('the database password', () => {
  const t = useTestDatabase('secrets');
  const user = `rc_secret_${randomBytes(3).toString('hex')}`;
  // Quotes, a backslash and a semicolon: a password that breaks naive quoting.
  const password = `S3cret-${randomBytes(6).toString('hex')}-'"\\;`;
  const wrongPassword = `Wr0ng-${randomBytes(6).toString('hex')}`;
  let env: Record<string, string>;
  beforeAll(async () => {
    await t.db.raw('CREATE USER ??@? IDENTIFIED BY ?', [user, '%', password]);
    await t.db.raw('GRANT ALL ON ??.* TO ??@?', [t.config.database, user, '%']);
    env = { ...t.env, MYSQL_USER: user, MYSQL_PASSWORD: password, LOG_LEVEL: 'trace' };
  });
  afterAll(async () => {
    await t?.db.raw('DROP USER IF EXISTS ??@?', [user, '%']);
  });

  it('appears in no log line, error, load_runs row or reject file, whatever the run does', async () => {
    const outputs: string[] = [];
    const datasets: Dataset[] = [];
    const run = async (data: Dataset, extra: Record<string, string> = {}) => {
      datasets.push(data);
      const result = await runJob(LOADER_MAIN, { ...env, DATA_DIR: data.dir, REPORTS_DIR: data.reports, ...extra });
      outputs.push(result.stdout, result.stderr);
      return result.code;
    };
    const badRows = `${PEOPLE_CSV}\r\nAnn,Smith,1999-02-30,Kelso\r\nBob,Smith,2000-01-01,Nowhere`;
    expect(await run(tempDataset(PLACES_CSV, PEOPLE_CSV))).toBe(EXIT_CODES.OK);
    expect(await run(tempDataset(PLACES_CSV, badRows), { MAX_REJECT_RATIO: '1' })).toBe(EXIT_CODES.OK);
    expect(await run(tempDataset(PLACES_CSV, badRows), { MAX_REJECT_RATIO: '0' })).toBe(EXIT_CODES.REJECT_LIMIT);
    expect(await run(tempDataset('town\nKelso\n', PEOPLE_CSV))).toBe(EXIT_CODES.BAD_HEADER);
    expect(await run(tempDataset(PLACES_CSV, PEOPLE_CSV), { MYSQL_PASSWORD: wrongPassword })).toBe(
      EXIT_CODES.DB_ACCESS_DENIED,
    );
    expect(await run(tempDataset(PLACES_CSV, PEOPLE_CSV), { MYSQL_PORT: '1', DB_WAIT_TIMEOUT_S: '1' })).toBe(
      EXIT_CODES.DB_UNAVAILABLE,
    );
    expect(await run(tempDataset(PLACES_CSV, PEOPLE_CSV), { MYSQL_DATABASE: 'rc_no_such_db' })).not.toBe(EXIT_CODES.OK);
    expect(await run(tempDataset(PLACES_CSV, PEOPLE_CSV), { MYSQL_PORT: 'not-a-port' })).toBe(
      EXIT_CODES.CONFIG_INVALID,
    );

    // The same failures in-process: the thrown errors, with their causes and context.
    const errors: string[] = [];
    const failures: [Record<string, string>, string][] = [
      [{ MYSQL_PASSWORD: wrongPassword }, PLACES_CSV],
      [{ MYSQL_PORT: '1', DB_WAIT_TIMEOUT_S: '1' }, PLACES_CSV],
      [{}, 'town\nKelso\n'],
    ];
    for (const [extra, places] of failures) {
      const data = tempDataset(places, PEOPLE_CSV);
      const captured = captureLog('trace', 'loader');
      const err = await runLoad(readLoaderConfig({ ...env, DATA_DIR: data.dir, REPORTS_DIR: data.reports, ...extra }), {
        log: captured.log,
      }).then(
        () => new Error('expected a failure'),
        (e: unknown) => e,
      );
      errors.push(inspect(err, { depth: 8 }), JSON.stringify(err), captured.text());
    }

    const [runs] = await t.db.raw('SELECT * FROM load_runs');
    expect(runs.length).toBeGreaterThanOrEqual(4);
    const reportFiles = datasets.flatMap((data) => filesUnder(data.reports));
    expect(reportFiles.length).toBeGreaterThanOrEqual(2);
    const everything = [...outputs, ...errors, JSON.stringify(runs), ...reportFiles].join('\n');
    // The search covers what it should: the failures' words and the account are all there.
    for (const words of [
      'DB_ACCESS_DENIED',
      'DB_UNAVAILABLE',
      'BAD_HEADER',
      'REJECT_LIMIT',
      'CONFIG_INVALID',
      'BAD_DATE',
      user,
    ])
      expect(everything).toContain(words);
    // The distinctive start alone too: a password quoted or escaped on the way out still leaks.
    for (const secret of [password, wrongPassword, password.slice(0, 19), wrongPassword.slice(0, 18)])
      expect(everything).not.toContain(secret);
  });

  it('is read from MYSQL_PASSWORD_FILE end to end, its trailing newline dropped', async () => {
    const data = tempDataset(PLACES_CSV, PEOPLE_CSV);
    const file = join(data.dir, 'db-password');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    const { MYSQL_PASSWORD: _unset, ...withoutPassword } = env;
    const result = await runJob(LOADER_MAIN, {
      ...withoutPassword,
      MYSQL_PASSWORD_FILE: file,
      DATA_DIR: data.dir,
      REPORTS_DIR: data.reports,
    });
    expect(result.code).toBe(EXIT_CODES.OK);
    expect(result.lines.at(-1)).toMatchObject({ msg: 'load complete', rowsLoaded: 11 });
    expect((await snapshotTables(t.db)).people).toHaveLength(6);
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it('fails with CONFIG_INVALID naming MYSQL_PASSWORD_FILE when the file cannot be read', async () => {
    const data = tempDataset(PLACES_CSV, PEOPLE_CSV);
    const { MYSQL_PASSWORD: _unset, ...withoutPassword } = env;
    const result = await runJob(LOADER_MAIN, {
      ...withoutPassword,
      MYSQL_PASSWORD_FILE: join(data.dir, 'missing'),
      DATA_DIR: data.dir,
      REPORTS_DIR: data.reports,
    });
    expect(result.code).toBe(EXIT_CODES.CONFIG_INVALID);
    expect(result.lines.at(-1)!.msg).toMatch(/MYSQL_PASSWORD_FILE: unreadable file: .*missing \(ENOENT\)/);
  });
});
