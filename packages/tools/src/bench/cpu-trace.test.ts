import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cpuAt, cpuBetween, startCpuTrace, type CpuSample } from './cpu-trace.ts';

const trace: CpuSample[] = [
  [1000, 0.5],
  [1100, 0.6],
  [1300, 1.0],
  [1300, 1.0],
  [1400, 1.0],
];

describe('CPU traces', () => {
  it.each([
    ['at a sample, its reading', 1100, 0.6],
    ['between two samples, a straight line between them', 1200, 0.8],
    ['before the first sample, the first reading', 900, 0.5],
    ['after the last sample, the last reading', 2000, 1.0],
    ['where two samples share a time, the later reading', 1300, 1.0],
  ])('reads %s', (_case, at, seconds) => {
    expect(cpuAt(trace, at)).toBeCloseTo(seconds, 10);
  });

  it('counts the CPU used between two moments, parts of intervals included', () => {
    expect(cpuBetween(trace, 1050, 1200)).toBeCloseTo(0.25, 10);
    expect(cpuBetween(trace, 1300, 1400)).toBe(0);
  });

  it('refuses to read an empty trace', () => {
    expect(() => cpuAt([], 1000)).toThrow(/at least one sample/);
  });

  it('samples at the start, while running and at stop, in time order', async () => {
    let cpu = 0;
    const running = startCpuTrace(() => (cpu += 0.01));
    await sleep(120);
    const samples = running.stop();
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(samples.map(([at]) => at)).toEqual([...samples.map(([at]) => at)].sort((a, b) => a - b));
    expect(samples.at(-1)![1]).toBeCloseTo(cpu, 10);
  });
});
