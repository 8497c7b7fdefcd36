import { describe, expect, it } from 'vitest';
import { accountLoaderRun, idle, STREAM_ENDS, STREAM_STARTS, type LoaderRunTimes } from './cpu-account.ts';

// A loader run of 4 s: 0.5 s before its first row, a 3 s stream, 0.5 s after its last row.
const run: LoaderRunTimes = {
  startedAt: 10_000,
  exitedAt: 14_000,
  logged: new Map([
    [STREAM_STARTS, 10_500],
    ['places loaded into staging', 10_600],
    [STREAM_ENDS, 13_500],
    ['load complete', 13_900],
  ]),
  // Node: 0.3 s of CPU before the stream, 2.4 s in it, 0.1 s after it.
  node: [
    [10_100, 0.05],
    [10_500, 0.3],
    [13_500, 2.7],
    [14_000, 2.8],
  ],
  // The server: 0.1 s before, 2.7 s in the stream, 0.45 s after (the commit's index build).
  server: [
    [9_900, 100],
    [10_500, 100.1],
    [12_000, 101.5],
    [13_500, 102.8],
    [14_000, 103.25],
  ],
};

describe('the loader run account', () => {
  it("splits the run at the lines that start and end the stream, with each side's CPU in each phase", () => {
    const account = accountLoaderRun(run)!;
    expect(account.beforeFirstRow.seconds).toBeCloseTo(0.5, 10);
    expect(account.beforeFirstRow.nodeCpuSeconds).toBeCloseTo(0.3, 10);
    expect(account.stream.seconds).toBeCloseTo(3, 10);
    expect(account.stream.nodeCpuSeconds).toBeCloseTo(2.4, 10);
    expect(account.stream.serverCpuSeconds).toBeCloseTo(2.7, 10);
    expect(account.afterLastRow.seconds).toBeCloseTo(0.5, 10);
    expect(account.afterLastRow.nodeCpuSeconds).toBeCloseTo(0.1, 10);
    expect(account.afterLastRow.serverCpuSeconds).toBeCloseTo(0.45, 10);
  });

  it("counts Node's idle time in the stream and over the whole run", () => {
    const account = accountLoaderRun(run)!;
    expect(account.stream.nodeIdleSeconds).toBeCloseTo(0.6, 10);
    expect(account.nodeIdleSeconds).toBeCloseTo(4 - 2.8, 10);
  });

  it('bounds the run by the busier side of the stream plus what came before and after', () => {
    // 0.5 + max(2.4, 2.7) + 0.5
    expect(accountLoaderRun(run)!.boundSeconds).toBeCloseTo(3.7, 10);
    const nodeBusier = {
      ...run,
      server: [
        [9_900, 100],
        [14_000, 101],
      ] as [number, number][],
    };
    expect(accountLoaderRun(nodeBusier)!.boundSeconds).toBeCloseTo(0.5 + 2.4 + 0.5, 10);
  });

  it("gives no bound and no server figures when the server's CPU cannot be read", () => {
    const { server: _server, ...withoutServer } = run;
    const account = accountLoaderRun(withoutServer)!;
    expect(account.boundSeconds).toBeUndefined();
    expect(account.stream.serverCpuSeconds).toBeUndefined();
    expect(account.stream.nodeCpuSeconds).toBeCloseTo(2.4, 10);
  });

  it('gives no account when the log lacks a line that bounds the stream', () => {
    expect(accountLoaderRun({ ...run, logged: new Map([[STREAM_STARTS, 10_500]]) })).toBeUndefined();
    expect(accountLoaderRun({ ...run, node: [] })).toBeUndefined();
  });

  it('never counts idle time below zero (helper threads can add CPU time in parallel)', () => {
    expect(idle(1, 1.2)).toBe(0);
    expect(idle(2, 0.5)).toBe(1.5);
  });
});
