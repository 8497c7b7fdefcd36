// `npm start` with no MYSQL_* set, as a newcomer runs it: a throwaway server of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throwawayServerAvailable } from '@rollcall/testkit';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const DATA = fileURLToPath(new URL('../../../../test/stack/fixtures/data', import.meta.url));

function start(
  env: Record<string, string>,
  onStderr: (text: string, child: ChildProcess) => void = () => {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=development', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    onStderr(stderr, child);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!throwawayServerAvailable() && !process.env.CI)('npm start with MYSQL_HOST unset', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rollcall-start-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads and reports on a throwaway server, prints the summary and where the files are, and removes the server', async () => {
    const reports = join(dir, 'reports');
    const run = await start({ DATA_DIR: DATA, REPORTS_DIR: reports, LOG_LEVEL: 'warn' });
    expect(run.stderr).toContain('MYSQL_HOST is not set');
    expect(run.code).toBe(0);
    const summary = JSON.parse(await readFile(join(reports, 'summary_output.json'), 'utf8'));
    expect(summary).toEqual({ Scotland: 2, Polska: 1, 'Northern Ireland': 1 });
    expect(run.stdout).toContain(JSON.stringify(summary));
    expect(run.stdout).toContain(`Reports are in ${reports}, rejected rows in ${join(reports, 'rejects')}`);
    const serverDir = /in (\/\S+);/.exec(run.stderr)?.[1];
    expect(serverDir).toBeDefined();
    expect(existsSync(serverDir!)).toBe(false);
  });

  it('on Ctrl-C stops the job, removes the throwaway server and exits 130', async () => {
    let signalled = false;
    // SIGINT once the server is up: the loader is starting or loading by then.
    const run = await start(
      { DATA_DIR: DATA, REPORTS_DIR: join(dir, 'interrupted'), LOG_LEVEL: 'warn' },
      (text, child) => {
        if (!signalled && text.includes('; it is removed when this run ends')) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(signalled).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stdout).not.toContain('People per country of birth');
    const serverDir = /in (\/\S+);/.exec(run.stderr)?.[1];
    expect(existsSync(serverDir!)).toBe(false);
  });
});
