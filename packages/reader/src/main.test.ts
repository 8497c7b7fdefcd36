import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '@rollcall/shared';
import { REPORTS } from './reports/index.ts';
import { listFolder } from './test-support/fixture.ts';
import { spawnReader } from './test-support/spawn-reader.ts';

// No MYSQL_* variables at all: had the reader read its configuration or tried to connect,
// it would fail with CONFIG_INVALID; these answers prove the arguments are checked first.
async function emptyReportsDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'rollcall-cli-')), 'reports');
}

describe('the reader command line, before any configuration or database', () => {
  it('lists the registered reports and exits 0', async () => {
    const run = await spawnReader(['--list'], {});
    expect(run.code).toBe(0);
    for (const report of REPORTS) expect(run.stdout).toContain(report.name);
  });

  it('prints the package version and the schema version it expects for --version', async () => {
    const run = await spawnReader(['--version'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`@rollcall/reader 0.1.0 (schema version ${SCHEMA_VERSION})\n`);
  });

  it.each([['../../etc/passwd'], ['/etc/passwd'], ['..'], ['summary_output.json']])(
    'refuses the unregistered report %j with exit 2 and writes nothing',
    async (name) => {
      const reportsDir = await emptyReportsDir();
      const run = await spawnReader(['--report', name, '--format', 'csv'], { REPORTS_DIR: reportsDir });
      expect(run.code).toBe(2);
      expect(run.logs.at(-1)).toMatchObject({ code: 'UNKNOWN_REPORT', report: name, exitCode: 2 });
      expect(await listFolder(reportsDir)).toBeNull();
    },
  );

  it.each([[['--format', 'xml', '--report', 'summary']], [['--nope']], [['summary']]])('refuses %j as USAGE with exit 2', async (args) => {
    const reportsDir = await emptyReportsDir();
    const run = await spawnReader(args, { REPORTS_DIR: reportsDir });
    expect(run.code).toBe(2);
    expect(run.logs.at(-1)).toMatchObject({ code: 'USAGE', exitCode: 2 });
    expect(await listFolder(reportsDir)).toBeNull();
  });
});
