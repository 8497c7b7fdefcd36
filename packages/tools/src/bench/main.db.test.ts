import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import type { BenchReport } from './bench-report.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function bench(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=development', MAIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// A smoke test of the whole run on a tiny file: every step runs and checks its own rows.
// Benchmarks are not tests: no time is asserted here.
describe('npm run bench', () => {
  const t = useTestDatabase('bench');
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rollcall-bench-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('measures every step on one generated file, writes the table and drops its scratch database', async () => {
    // TMPDIR keeps the generated files and the jobs' folders inside this test's folder.
    const env = { ...process.env, ...t.env, TMPDIR: dir, LOG_LEVEL: 'info' };
    const result = await bench(['--rows', '300', '--sample', '40', '--out', join(dir, 'out')], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const report = JSON.parse(await readFile(join(dir, 'out', 'bench-300.json'), 'utf8')) as BenchReport;
    expect(report.results.map((r) => `${r.name}#${r.run}`)).toEqual([
      'floor#1',
      'loader-infile#1',
      'loader-again#1',
      'summary-sql#1',
      'reader-default#1',
      'server-rows#1',
      'loader-insert#1',
      'sql-loader#1',
      'row-by-row#1',
      'floor#2',
    ]);
    for (const r of report.results) {
      // Without a mariadb/mysql client on PATH the pure-SQL loader is skipped, with a note.
      if (r.name === 'sql-loader' && r.status === 'skipped') expect(r.note).toMatch(/client on PATH/);
      else expect(r, r.name).toMatchObject({ status: 'ok' });
    }
    expect(report.results.find((r) => r.name === 'loader-infile')).toMatchObject({
      kind: 'load',
      peakRssMb: expect.any(Number),
      jobSeconds: expect.any(Number),
      timeline: expect.arrayContaining([expect.objectContaining({ msg: 'load complete' })]),
    });

    // CPU accounting: the test server is local, so every figure is there, and they add up
    // (to the JSON's six significant digits).
    expect(report.serverCpu).toEqual({ pid: expect.any(Number) });
    for (const r of report.results.filter((r) => r.status === 'ok' && r.name !== 'sql-loader')) {
      expect(r, r.name).toMatchObject({ nodeCpuSeconds: expect.any(Number), serverCpuSeconds: expect.any(Number) });
      expect(r.nodeCpuSeconds, r.name).toBeGreaterThan(0);
    }
    const loader = report.results.find((r) => r.name === 'loader-infile')!;
    const { beforeFirstRow, stream, afterLastRow, boundSeconds } = loader.account!;
    expect(beforeFirstRow.seconds + stream.seconds + afterLastRow.seconds).toBeCloseTo(loader.seconds!, 2);
    expect(beforeFirstRow.nodeCpuSeconds + stream.nodeCpuSeconds + afterLastRow.nodeCpuSeconds).toBeCloseTo(
      loader.nodeCpuSeconds!,
      2,
    );
    expect(stream.nodeIdleSeconds).toBeCloseTo(Math.max(0, stream.seconds - stream.nodeCpuSeconds), 3);
    expect(boundSeconds).toBeCloseTo(
      beforeFirstRow.seconds + Math.max(stream.nodeCpuSeconds, stream.serverCpuSeconds!) + afterLastRow.seconds,
      3,
    );
    expect(report.results.find((r) => r.name === 'row-by-row')).toMatchObject({ sample: { rows: 40 } });
    expect(report.results.find((r) => r.name === 'reader-default')).toMatchObject({
      label: expect.stringContaining('npm run report (default set; goal ≤ 3 s at 10M)'),
      jobSeconds: expect.any(Number),
      note: expect.stringMatching(/^largest file [a-z_]+\.json, [\d.]+ KB; slowest [a-z_]+ [\d.]+ s$/),
    });
    expect(report).toMatchObject({ rows: 300, sample: 40, files: { people: { rows: 300 } } });

    const markdown = await readFile(join(dir, 'out', 'bench-300.md'), 'utf8');
    expect(markdown).toContain('extrapolated from a sample of 40 rows');
    expect(result.stdout).toContain('| step ');
    expect(result.stdout).toContain('| loader run ');
    expect(markdown).toContain("## Where the loader's time went");
    expect(result.stdout + result.stderr).not.toContain(t.env.MYSQL_PASSWORD);

    const created = result.stdout
      .split('\n')
      .map((line) => (line.startsWith('{') ? JSON.parse(line) : {}))
      .find((line) => line.msg === 'scratch database created');
    const [left] = await t.db.raw('SHOW DATABASES LIKE ?', [created.database]);
    expect(left).toEqual([]);
  });
});
