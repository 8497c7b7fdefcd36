import { answerOf, type Answer } from '@rollcall/shared';
import { nonEmpty, parseOptions, usage, wholeNumber } from '../cli-args.ts';
import { isStepName, STEP_NAMES, type StepName } from './steps.ts';

export const DEFAULT_SEED = 1;
export const DEFAULT_SAMPLE = 20_000;

export const USAGE = `Usage: npm run bench -- --rows N [options]

Generates N clean people rows once (cached in the system's temp folder), then, one after
the other on that file and the MYSQL_* server, in a scratch database dropped at the end:
the LOAD DATA floor, the loader with each LOAD_METHOD (and again over its own load, as
every load after a database's first), the server alone taking the loader's rows into the
indexed table, the pure-SQL loader, one INSERT per row (on a sample, extrapolated) and the
reader's summary, alone and as the reader's default run. Prints a table and writes it to
reports/bench/bench-N.json and .md.

  --rows N        people rows (underscores allowed: 1_000_000)
  --seed S        generator seed (default ${DEFAULT_SEED})
  --sample M      rows for the one-INSERT-per-row baseline, extrapolated to N (default ${DEFAULT_SAMPLE})
  --only A,B      run only these steps (the floor always runs, first and last):
                  ${STEP_NAMES.filter((name) => name !== 'floor').join(', ')}
  --keep          keep the scratch database as the last step left it (its name is logged)
  --out DIR       where to write the JSON and Markdown files (default reports/bench)
  --help          print this text
  --version       print the version`;

export interface BenchOptions {
  rows: number;
  seed: number;
  sample: number;
  only?: StepName[];
  keep: boolean;
  out?: string;
}

export type ParsedArgs = Answer | { kind: 'run'; options: BenchOptions };

/** Reads the benchmark's command line; every mistake is a USAGE error naming the option. */
export function parseBenchArgs(argv: readonly string[]): ParsedArgs {
  const values = parseOptions(argv, {
    rows: { type: 'string' },
    seed: { type: 'string' },
    sample: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
  });
  const answer = answerOf(values);
  if (answer) return answer;
  if (values.rows === undefined) throw usage('missing --rows');

  const rows = wholeNumber('--rows', values.rows, 1);
  const options: BenchOptions = {
    rows,
    seed: values.seed === undefined ? DEFAULT_SEED : wholeNumber('--seed', values.seed, 0),
    sample: Math.min(rows, values.sample === undefined ? DEFAULT_SAMPLE : wholeNumber('--sample', values.sample, 1)),
    keep: values.keep,
  };
  if (values.only !== undefined) options.only = stepList(values.only);
  if (values.out !== undefined) options.out = nonEmpty('--out', values.out);
  return { kind: 'run', options };
}

function stepList(text: string): StepName[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isStepName(name));
  if (names.length === 0 || unknown.length > 0) {
    throw usage(`--only takes step names separated by commas, from ${STEP_NAMES.join(', ')}; got "${text}"`);
  }
  return names as StepName[];
}
