import { describe, expect, it } from 'vitest';
import { findLogLine, timelineOf } from './job-log.ts';
import type { ChildRun } from './run-child.ts';

const ran = (stdout: string): ChildRun => ({
  startedAt: 1_000_000,
  exitedAt: 1_001_000,
  seconds: 1,
  exitCode: 0,
  signal: null,
  stdout,
  stderr: '',
});

describe("what the bench reads from a job's log", () => {
  it('finds a JSON log line by its fields, skipping text and other lines', () => {
    const stdout = ['not json', '{"msg":"load started"}', '{"msg":"load complete","seconds":2.5}', '{broken'].join(
      '\n',
    );
    expect(findLogLine(stdout, (entry) => entry.msg === 'load complete')).toEqual({
      msg: 'load complete',
      seconds: 2.5,
    });
    expect(findLogLine(stdout, (entry) => entry.msg === 'nothing')).toBeUndefined();
  });

  it("lays out a job's info lines and above in seconds since its spawn", () => {
    const stdout = [
      '{"level":30,"time":1000250,"msg":"load started"}',
      '{"level":20,"time":1000300,"msg":"a debug line"}',
      'text',
      '{"level":40,"time":1002000,"msg":"slow"}',
    ].join('\n');
    expect(timelineOf(ran(stdout))).toEqual([
      { at: 0.25, msg: 'load started' },
      { at: 2, msg: 'slow' },
    ]);
  });
});
