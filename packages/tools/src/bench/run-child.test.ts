import { describe, expect, it } from 'vitest';
import { failureOf, runChild, runNodeJob, type ChildRun } from './run-child.ts';

const ran = (stdout: string, stderr = '', exitCode: number | null = 4): ChildRun => ({
  startedAt: 1_000_000,
  exitedAt: 1_001_000,
  seconds: 1,
  exitCode,
  signal: null,
  stdout,
  stderr,
});

describe('bench child processes', () => {
  it('explains a failure by the exit and the last warning or error the job logged', () => {
    const stdout = [
      '{"level":30,"msg":"load started"}',
      '{"level":50,"msg":"people.csv: the file is empty"}',
      '{"level":30,"msg":"bye"}',
    ].join('\n');
    expect(failureOf(ran(stdout))).toBe('exit 4: people.csv: the file is empty');
    expect(failureOf(ran('', 'ERROR 1045 (28000): Access denied\n', 1))).toBe(
      'exit 1: ERROR 1045 (28000): Access denied',
    );
    expect(failureOf({ ...ran(''), exitCode: null, signal: 'SIGKILL' })).toBe('killed by SIGKILL');
  });

  it('feeds a file to stdin and keeps the output and the exit code', async () => {
    const run = await runChild('sh', ['-c', 'cat; exit 3'], {
      env: process.env,
      stdinFile: new URL(import.meta.url).pathname,
    });
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain("describe('bench child processes'");
    expect(run.seconds).toBeGreaterThan(0);
  });

  it("reads a Node job's own peak RSS, which grows with what it holds", async () => {
    const small = await runNodeJob('-e', ['0'], { env: process.env });
    const big = await runNodeJob('-e', ['globalThis.keep = Buffer.alloc(64 * 2 ** 20, 1)'], { env: process.env });
    expect(small.exitCode).toBe(0);
    expect(big.exitCode).toBe(0);
    expect(small.peakRssMb).toBeGreaterThan(10);
    expect(big.peakRssMb! - small.peakRssMb!).toBeGreaterThan(50);
  });
});
