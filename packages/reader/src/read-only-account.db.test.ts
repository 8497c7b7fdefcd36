import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, EXIT_CODES } from '@rollcall/shared';
import { useTestDatabase, READER_MAIN, runJob } from '@rollcall/testkit';
import { defaultJobs } from './command.ts';
import { listFolder, loadFixture, readerConfig } from './testing/fixture.ts';

describe('the reader under an account that may only SELECT', () => {
  const t = useTestDatabase('reader_readonly');
  const user = `rc_ro_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  beforeAll(async () => {
    await loadFixture(
      t.db,
      [{ city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }],
      [{ given_name: 'A', family_name: 'B', date_of_birth: '1900-01-01', city: 'Kelso' }],
    );
    await t.db.raw("CREATE USER ??@'%' IDENTIFIED BY ?", [user, password]);
    await t.db.raw("GRANT SELECT ON ??.* TO ??@'%'", [t.config.database, user]);
  });
  afterAll(async () => {
    await t?.db.raw("DROP USER IF EXISTS ??@'%'", [user]);
  });

  it('cannot write (the account is what it claims)', async () => {
    const db = createDb({ ...t.config, user, password }, { poolMax: 1 });
    try {
      await expect(db('places').update({ county: 'X' })).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
    } finally {
      await db.destroy();
    }
  });

  it('writes the default set', async () => {
    const { reportsDir } = await readerConfig(t);
    const run = await runJob(READER_MAIN, {
      ...t.env,
      MYSQL_USER: user,
      MYSQL_PASSWORD: password,
      REPORTS_DIR: reportsDir,
    });
    expect(run.stdout + run.stderr).not.toContain('"level":50');
    expect(run.code).toBe(0);
    expect(await readFile(join(reportsDir, 'summary_output.json'), 'utf8')).toBe('{"Scotland":1}');
    expect(await listFolder(reportsDir)).toEqual(
      defaultJobs()
        .map((job) => job.fileName)
        .sort(),
    );
  });

  it('writes the opt-in export, its row count included', async () => {
    const { reportsDir } = await readerConfig(t);
    const run = await runJob(
      READER_MAIN,
      {
        ...t.env,
        MYSQL_USER: user,
        MYSQL_PASSWORD: password,
        REPORTS_DIR: reportsDir,
      },
      { args: ['--report', 'people_export', '--format', 'csv'] },
    );
    expect(run.code).toBe(0);
    expect(await listFolder(reportsDir)).toEqual(['people_export.csv']);
  });
});

describe('the reader under an account that may not SELECT', () => {
  const t = useTestDatabase('reader_noselect');
  const user = `rc_nosel_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  beforeAll(async () => {
    await loadFixture(
      t.db,
      [{ city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }],
      [{ given_name: 'A', family_name: 'B', date_of_birth: '1900-01-01', city: 'Kelso' }],
    );
    await t.db.raw("CREATE USER ??@'%' IDENTIFIED BY ?", [user, password]);
    await t.db.raw("GRANT INSERT ON ??.* TO ??@'%'", [t.config.database, user]);
  });
  afterAll(async () => {
    await t?.db.raw("DROP USER IF EXISTS ??@'%'", [user]);
  });

  it('exits 3 with DB_ACCESS_DENIED naming SELECT and the GRANT, writing nothing', async () => {
    const { reportsDir } = await readerConfig(t);
    const run = await runJob(READER_MAIN, {
      ...t.env,
      MYSQL_USER: user,
      MYSQL_PASSWORD: password,
      REPORTS_DIR: reportsDir,
    });
    expect(run.code).toBe(EXIT_CODES.DB_ACCESS_DENIED);
    expect(run.lines.at(-1)).toMatchObject({ code: 'DB_ACCESS_DENIED', missing: ['SELECT'] });
    expect(run.lines.at(-1)!.msg).toContain(
      `GRANT SELECT ON \`${t.config.database.replace(/_/g, '\\_')}\`.* TO '${user}'@'%';`,
    );
    expect(await listFolder(reportsDir)).toEqual([]);
  });
});
