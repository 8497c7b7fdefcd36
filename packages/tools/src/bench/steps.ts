/**
 * What the benchmark measures, in the order it runs them. The floor runs first and again
 * last (caches warm up over a run; the faster of the two is the ratio's base); --only
 * picks among the others. The reader's steps follow the loader they read, so they need
 * no load of their own; server-rows exports the loaded rows before it starts afresh.
 */
export const STEP_NAMES = [
  'floor',
  'loader-infile',
  'loader-again',
  'summary-sql',
  'reader-default',
  'server-rows',
  'loader-insert',
  'sql-loader',
  'row-by-row',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** floor: the LOAD DATA floor; load: moves the file into tables (has a ratio); query: reads loaded data. */
export type StepKind = 'floor' | 'load' | 'query';

export const STEP_KINDS: Record<StepName, StepKind> = {
  floor: 'floor',
  'loader-infile': 'load',
  'loader-again': 'load',
  'server-rows': 'load',
  'loader-insert': 'load',
  'sql-loader': 'load',
  'row-by-row': 'load',
  'summary-sql': 'query',
  'reader-default': 'query',
};

export function isStepName(name: string): name is StepName {
  return (STEP_NAMES as readonly string[]).includes(name);
}

/** One planned run of a step; `run` tells the floor's first and second runs apart. */
export interface PlannedStep {
  name: StepName;
  run: number;
}

/** The floor, the chosen steps in STEP_NAMES order, then the floor again. */
export function planSteps(only?: readonly StepName[]): PlannedStep[] {
  const chosen = STEP_NAMES.filter((name) => name !== 'floor' && (only === undefined || only.includes(name)));
  return [{ name: 'floor', run: 1 }, ...chosen.map((name) => ({ name, run: 1 })), { name: 'floor', run: 2 }];
}
