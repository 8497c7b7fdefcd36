import { describe, expect, it } from 'vitest';
import { isRollcallError } from '@rollcall/shared';
import { DEFAULT_SAMPLE, DEFAULT_SEED, parseBenchArgs } from './args.ts';
import { planSteps } from './steps.ts';

function usageError(argv: string[]): string {
  try {
    parseBenchArgs(argv);
  } catch (err) {
    if (isRollcallError(err, 'USAGE')) return err.message;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('bench command line', () => {
  it('defaults the seed and the sample, keeps nothing and runs every step', () => {
    expect(parseBenchArgs(['--rows', '1_000_000'])).toEqual({
      kind: 'run',
      options: { rows: 1_000_000, seed: DEFAULT_SEED, sample: DEFAULT_SAMPLE, keep: false },
    });
  });

  it('reads every option', () => {
    expect(
      parseBenchArgs([
        '--rows',
        '500000',
        '--seed',
        '9',
        '--sample',
        '5000',
        '--only',
        'loader-infile, summary-sql',
        '--keep',
        '--out',
        'x',
      ]),
    ).toEqual({
      kind: 'run',
      options: { rows: 500_000, seed: 9, sample: 5000, only: ['loader-infile', 'summary-sql'], keep: true, out: 'x' },
    });
  });

  it('never samples more rows than the file has', () => {
    expect(parseBenchArgs(['--rows', '300'])).toMatchObject({ options: { sample: 300 } });
  });

  it('answers --help without asking for --rows', () => {
    expect(parseBenchArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /missing --rows/],
    [['--rows', '0'], /--rows must be a whole number from 1; got "0"/],
    [['--rows', '1e3x'], /--rows must be a whole number/],
    [['--rows', '10', '--sample', '0'], /--sample must be a whole number from 1/],
    [['--rows', '10', '--only', 'loader,floor2'], /--only takes step names.*got "loader,floor2"/],
    [['--rows', '10', '--only', ','], /--only takes step names/],
    [['--rows', '10', '--fast'], /Unknown option '--fast'/],
  ])('refuses %j', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });
});

describe('bench plan', () => {
  it('runs the floor first and last around every other step, in a fixed order', () => {
    expect(planSteps().map((s) => `${s.name}#${s.run}`)).toEqual([
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
  });

  it('keeps the fixed order whatever order --only names the steps in', () => {
    expect(planSteps(['row-by-row', 'loader-infile']).map((s) => s.name)).toEqual([
      'floor',
      'loader-infile',
      'row-by-row',
      'floor',
    ]);
    expect(planSteps(['floor']).map((s) => s.name)).toEqual(['floor', 'floor']);
  });
});
