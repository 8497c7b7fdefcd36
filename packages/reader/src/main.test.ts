import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, SCHEMA_VERSION } from '@rollcall/shared';
import { maySkipUnprivileged, unprivilegedCommand, UNPRIVILEGED_UID, READER_MAIN, runJob } from '@rollcall/testkit';
import { REPORTS } from './reports/index.ts';
import { listFolder } from './testing/fixture.ts';

// No MYSQL_* variables at all: had the reader read its configuration or tried to connect,
// it would fail with CONFIG_INVALID; these answers prove the arguments are checked first.
async function emptyReportsDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'rollcall-cli-')), 'reports');
}

describe('the reader command line, before any configuration or database', () => {
  it('lists the registered reports and exits 0', async () => {
    const run = await runJob(READER_MAIN, {}, { args: ['--list'] });
    expect(run.code).toBe(0);
    for (const report of REPORTS) expect(run.stdout).toContain(report.name);
  });

  it('prints the package version and the schema version it expects for --version', async () => {
    const run = await runJob(READER_MAIN, {}, { args: ['--version'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`@rollcall/reader 0.1.0 (schema version ${SCHEMA_VERSION})\n`);
  });

  it.each([['../../etc/passwd'], ['/etc/passwd'], ['..'], ['summary_output.json']])(
    'refuses the unregistered report %j with exit 2 and writes nothing',
    async (name) => {
      const reportsDir = await emptyReportsDir();
      const run = await runJob(
        READER_MAIN,
        { REPORTS_DIR: reportsDir },
        { args: ['--report', name, '--format', 'csv'] },
      );
      expect(run.code).toBe(2);
      expect(run.lines.at(-1)).toMatchObject({ code: 'UNKNOWN_REPORT', report: name, exitCode: 2 });
      expect(await listFolder(reportsDir)).toBeNull();
    },
  );

  it.each([[['--format', 'xml', '--report', 'summary']], [['--nope']], [['summary']]])(
    'refuses %j as USAGE with exit 2',
    async (args) => {
      const reportsDir = await emptyReportsDir();
      const run = await runJob(READER_MAIN, { REPORTS_DIR: reportsDir }, { args });
      expect(run.code).toBe(2);
      expect(run.lines.at(-1)).toMatchObject({ code: 'USAGE', exitCode: 2 });
      expect(await listFolder(reportsDir)).toBeNull();
    },
  );
});

// An unreachable database: had the reader touched it before checking REPORTS_DIR, it would
// end with DB_UNAVAILABLE (exit 3) instead.
describe('the reader checks REPORTS_DIR before the database', () => {
  const unreachable = {
    MYSQL_HOST: '127.0.0.1',
    MYSQL_PORT: '1',
    MYSQL_USER: 'u',
    MYSQL_PASSWORD: 'p',
    MYSQL_DATABASE: 'd',
    DB_WAIT_TIMEOUT_S: '1',
  };
  const asNobody = unprivilegedCommand(READER_MAIN);

  it('refuses a REPORTS_DIR that is a regular file with exit 10, naming it', async () => {
    const file = await emptyReportsDir();
    await writeFile(file, '');
    const run = await runJob(READER_MAIN, { ...unreachable, REPORTS_DIR: file });
    expect(run.code).toBe(EXIT_CODES.OUTPUT_UNUSABLE);
    expect(run.lines.at(-1)).toMatchObject({ code: 'OUTPUT_UNUSABLE', folder: file });
  });

  it('ends at once on REPORTS_DIR=/proc/rollcall, where mkdir used to be retried for ever', async () => {
    const run = await runJob(READER_MAIN, { ...unreachable, REPORTS_DIR: '/proc/rollcall' });
    expect(run.code).toBe(EXIT_CODES.OUTPUT_UNUSABLE);
  });

  it.skipIf(maySkipUnprivileged(asNobody))(
    `refuses a read-only REPORTS_DIR when run as uid ${UNPRIVILEGED_UID}, naming the uid and the owner`,
    async () => {
      expect(asNobody, 'cannot switch to an unprivileged user (needs root and setpriv)').toBeDefined();
      const reportsDir = await emptyReportsDir();
      await mkdir(reportsDir, { mode: 0o755 });
      await chmod(dirname(reportsDir), 0o755);
      const run = await runJob(READER_MAIN, { ...unreachable, REPORTS_DIR: reportsDir }, { wrapper: asNobody! });
      expect(run.code).toBe(EXIT_CODES.OUTPUT_UNUSABLE);
      expect(run.lines.at(-1)).toMatchObject({
        code: 'OUTPUT_UNUSABLE',
        folder: reportsDir,
        uid: UNPRIVILEGED_UID,
        ownerUid: 0,
      });
    },
  );
});
