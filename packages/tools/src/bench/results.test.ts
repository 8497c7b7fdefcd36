import { describe, expect, it } from 'vitest';
import { extrapolate, floorSeconds, toResults, type MeasuredStep } from './results.ts';

const floor = (run: number, seconds: number): MeasuredStep => ({
  step: { name: 'floor', run },
  label: `floor (run ${run})`,
  outcome: { status: 'ok', seconds, rows: 1000 },
});

describe('bench results', () => {
  it('extrapolates a sample to the full row count at the same per-row cost', () => {
    expect(extrapolate(2, 20_000, 1_000_000)).toBe(100);
    expect(extrapolate(1.5, 1000, 1000)).toBe(1.5);
  });

  it('takes the faster floor run as the base, ignoring failed runs', () => {
    const failed: MeasuredStep = {
      step: { name: 'floor', run: 2 },
      label: 'floor',
      outcome: { status: 'failed', note: 'boom' },
    };
    expect(floorSeconds([floor(1, 2.5), floor(2, 2)])).toBe(2);
    expect(floorSeconds([floor(1, 2.5), failed])).toBe(2.5);
    expect(floorSeconds([failed])).toBeUndefined();
  });

  it('gives loads a ratio to the floor and rows per second, and queries no ratio', () => {
    const results = toResults(
      [
        floor(1, 2),
        {
          step: { name: 'loader-infile', run: 1 },
          label: 'loader',
          outcome: { status: 'ok', seconds: 3, rows: 1000, peakRssMb: 80.5, jobSeconds: 2.5 },
        },
        {
          step: { name: 'summary-sql', run: 1 },
          label: 'summary',
          outcome: { status: 'ok', seconds: 0.5, rows: 1000, jobSeconds: 0.25 },
        },
        floor(2, 4),
      ],
      1000,
    );
    expect(results.map((r) => [r.name, r.ratio, r.rowsPerSecond])).toEqual([
      ['floor', 1, 500],
      ['loader-infile', 1.5, 1000 / 3],
      ['summary-sql', undefined, 2000],
      ['floor', 2, 250],
    ]);
    expect(results[1]).toMatchObject({
      kind: 'load',
      status: 'ok',
      seconds: 3,
      peakRssMb: 80.5,
      jobSeconds: 2.5,
      jobRatio: 1.25,
    });
    expect(results[2]).toMatchObject({ jobSeconds: 0.25 });
    expect(results[2]!.jobRatio).toBeUndefined();
    expect(results[1]!.sample).toBeUndefined();
  });

  it('reports a sampled step at the full row count, keeping the sample and its own rate', () => {
    const [, sampled] = toResults(
      [
        floor(1, 2),
        { step: { name: 'row-by-row', run: 1 }, label: 'row by row', outcome: { status: 'ok', seconds: 5, rows: 100 } },
      ],
      1000,
    );
    expect(sampled).toMatchObject({ seconds: 50, rowsPerSecond: 20, ratio: 25, sample: { rows: 100, seconds: 5 } });
  });

  it("carries each step's CPU seconds, a sample's extrapolated like its time", () => {
    const [, loader, sampled] = toResults(
      [
        floor(1, 2),
        {
          step: { name: 'loader-infile', run: 1 },
          label: 'loader',
          outcome: { status: 'ok', seconds: 3, rows: 1000, nodeCpuSeconds: 2.5, serverCpuSeconds: 2 },
        },
        {
          step: { name: 'row-by-row', run: 1 },
          label: 'row by row',
          outcome: { status: 'ok', seconds: 5, rows: 100, nodeCpuSeconds: 0.5, serverCpuSeconds: 1.5 },
        },
      ],
      1000,
    );
    expect(loader).toMatchObject({ nodeCpuSeconds: 2.5, serverCpuSeconds: 2 });
    expect(sampled).toMatchObject({ nodeCpuSeconds: 5, serverCpuSeconds: 15 });
  });

  it('keeps skipped and failed steps with their note and no numbers', () => {
    const [, skipped] = toResults(
      [
        floor(1, 2),
        {
          step: { name: 'sql-loader', run: 1 },
          label: 'sql',
          outcome: { status: 'skipped', note: 'sql/loader.sql not found' },
        },
      ],
      1000,
    );
    expect(skipped).toEqual({
      name: 'sql-loader',
      run: 1,
      label: 'sql',
      kind: 'load',
      status: 'skipped',
      note: 'sql/loader.sql not found',
    });
  });

  it('leaves ratios out when no floor run succeeded', () => {
    const [result] = toResults(
      [{ step: { name: 'loader-insert', run: 1 }, label: 'insert', outcome: { status: 'ok', seconds: 3, rows: 10 } }],
      10,
    );
    expect(result!.ratio).toBeUndefined();
  });
});
