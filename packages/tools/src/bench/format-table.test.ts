import { describe, expect, it } from 'vitest';
import { cells, formatCount, formatRatio, formatSeconds, formatTable } from './format-table.ts';
import type { StepResult } from './results.ts';

const loader: StepResult = {
  name: 'loader-infile',
  run: 1,
  label: 'loader, LOAD_METHOD=infile',
  kind: 'load',
  status: 'ok',
  seconds: 3.456,
  rowsPerSecond: 289_351.8,
  ratio: 1.4213,
  nodeCpuSeconds: 3.012,
  serverCpuSeconds: 2.5,
  peakRssMb: 87.6,
  jobSeconds: 3.1,
  jobRatio: 1.275,
  note: 'LOAD_METHOD fell back',
};

describe('bench table', () => {
  it.each([
    [0.0123, '0.012'],
    [0.5, '0.500'],
    [2.345, '2.35'],
    [23.45, '23.4'],
    [150.4, '150'],
  ])('writes %s seconds as %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });

  it('writes counts with thousands separators and ratios with two decimals below 100', () => {
    expect(formatCount(452_130.6)).toBe('452,131');
    expect(formatRatio(1.4213)).toBe('1.42x');
    expect(formatRatio(153.7)).toBe('154x');
  });

  it('fills the cells of a measured step', () => {
    expect(cells(loader)).toEqual([
      'loader, LOAD_METHOD=infile',
      '3.46',
      '289,352',
      '1.42x',
      '3.01',
      '2.50',
      '88',
      "job's own timer 3.10 s, 1.27x; LOAD_METHOD fell back",
    ]);
  });

  it('marks an extrapolated time and names the sample in the note', () => {
    const sampled: StepResult = {
      name: 'row-by-row',
      run: 1,
      label: 'one INSERT per row',
      kind: 'load',
      status: 'ok',
      seconds: 343.2,
      rowsPerSecond: 2913.8,
      ratio: 150.2,
      serverCpuSeconds: 120.4,
      sample: { rows: 20_000, seconds: 6.864 },
    };
    expect(cells(sampled)).toEqual([
      'one INSERT per row',
      '≈ 343',
      '2,914',
      '150x',
      '—',
      '≈ 120',
      '—',
      'extrapolated from a sample of 20,000 rows (6.86 s)',
    ]);
  });

  it('shows a skipped step with dashes and its reason', () => {
    const skipped: StepResult = {
      name: 'sql-loader',
      run: 1,
      label: 'pure-SQL loader',
      kind: 'load',
      status: 'skipped',
      note: 'sql/loader.sql not found',
    };
    expect(cells(skipped)).toEqual([
      'pure-SQL loader',
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      'skipped: sql/loader.sql not found',
    ]);
  });

  it('gives a query job its own timer without a ratio', () => {
    const job: StepResult = {
      name: 'reader-default',
      run: 1,
      label: 'reader',
      kind: 'query',
      status: 'ok',
      seconds: 0.5,
      jobSeconds: 0.125,
    };
    expect(cells(job).at(-1)).toBe("job's own timer 0.125 s");
  });

  it('pads a Markdown table with numbers right-aligned', () => {
    const query: StepResult = {
      name: 'summary-sql',
      run: 1,
      label: 'summary',
      kind: 'query',
      status: 'ok',
      seconds: 0.05,
      rowsPerSecond: 2e6,
    };
    expect(formatTable([{ ...loader, jobSeconds: undefined, note: 'x' }, query]).split('\n')).toEqual([
      '| step                       | seconds |    rows/s | × floor | Node CPU s | server CPU s | peak RSS (MB) | note |',
      '|----------------------------|--------:|----------:|--------:|-----------:|-------------:|--------------:|------|',
      '| loader, LOAD_METHOD=infile |    3.46 |   289,352 |   1.42x |       3.01 |         2.50 |            88 | x    |',
      '| summary                    |   0.050 | 2,000,000 |       — |          — |            — |             — |      |',
    ]);
  });
});
