import { describe, expect, it } from 'vitest';
import { isRollcallError } from '@rollcall/shared';
import { parseGenerateArgs } from './args.ts';
import { PLACES_CATALOG } from './places-catalog.ts';

const required = ['--people', '100', '--seed', '7', '--out', 'out'];

function usageError(argv: string[]): string {
  try {
    parseGenerateArgs(argv);
  } catch (err) {
    if (isRollcallError(err, 'USAGE')) return err.message;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('generate command line', () => {
  it('defaults to every catalog place, no bad rows, LF and no BOM', () => {
    expect(parseGenerateArgs(required)).toEqual({
      kind: 'run',
      options: {
        people: 100,
        seed: 7,
        out: 'out',
        places: PLACES_CATALOG.length,
        badFraction: 0,
        bad: {},
        crlf: false,
        bom: false,
      },
    });
  });

  it('reads every option, --bad repeatedly', () => {
    const parsed = parseGenerateArgs([
      ...required,
      '--places',
      '20',
      '--bad-fraction',
      '0.01',
      '--bad',
      'too-long=0.5',
      '--bad',
      'duplicate-place=0.1',
      '--crlf',
      '--bom',
      '--people',
      '1_000_000',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        people: 1_000_000,
        seed: 7,
        out: 'out',
        places: 20,
        badFraction: 0.01,
        bad: { 'too-long': 0.5, 'duplicate-place': 0.1 },
        crlf: true,
        bom: true,
      },
    });
  });

  it('answers --help without asking for the required options', () => {
    expect(parseGenerateArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /missing --people, --seed, --out/],
    [['--people', '10', '--out', 'x'], /missing --seed/],
    [[...required, '--people', 'ten'], /--people must be a whole number.*"ten"/],
    [[...required, '--people', '-1'], /--people/],
    [[...required, '--seed', '1.5'], /--seed must be a whole number/],
    [[...required, '--places', '0'], /--places must be a whole number from 1 to/],
    [[...required, '--places', String(PLACES_CATALOG.length + 1)], /--places/],
    [[...required, '--bad-fraction', '2'], /--bad-fraction must be a fraction from 0 to 1/],
    [[...required, '--bad', 'typo=0.1'], /KIND one of empty-field, .*"typo=0.1"/],
    [[...required, '--bad', 'too-long'], /--bad expects KIND=FRACTION/],
    [[...required, '--bad', 'too-long=x'], /--bad too-long must be a fraction/],
    [[...required, '--bad', 'too-long=0.6', '--bad', 'empty-field=0.6'], /add up to 1.2/],
    [[...required, '--out', ''], /--out must not be empty/],
    [[...required, '--colour'], /Unknown option '--colour'/],
    [[...required, 'extra'], /positional argument/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });
});
