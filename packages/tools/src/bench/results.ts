import type { LoaderAccount } from './cpu-account.ts';
import type { CpuUse } from './cpu-use.ts';
import { STEP_KINDS, type PlannedStep, type StepKind, type StepName } from './steps.ts';

/** A job's log message, at seconds since its spawn. */
export interface TimelineEntry {
  at: number;
  msg: string;
}

/** What one step reports: seconds over `rows` (fewer than the benchmark's rows for a sample). */
export type Outcome =
  | ({
      status: 'ok';
      seconds: number;
      rows: number;
      peakRssMb?: number;
      jobSeconds?: number;
      timeline?: TimelineEntry[];
      account?: LoaderAccount;
      note?: string;
    } & Partial<CpuUse>)
  | { status: 'skipped' | 'failed'; note: string };

export interface MeasuredStep {
  step: PlannedStep;
  label: string;
  outcome: Outcome;
}

/** One line of the table and of bench-N.json. */
export interface StepResult {
  name: StepName;
  run: number;
  label: string;
  kind: StepKind;
  status: Outcome['status'];
  /** Seconds for all the benchmark's rows: measured, or extrapolated from `sample`. */
  seconds?: number;
  rowsPerSecond?: number;
  /** seconds / the faster floor run; loads only (a query does other work than moving bytes). */
  ratio?: number;
  peakRssMb?: number;
  /** A job's own timer (its process's start-up left out), and its ratio to the floor. */
  jobSeconds?: number;
  jobRatio?: number;
  /** CPU seconds of the Node process that did the work (a job's own, or the bench's for a statement it timed). */
  nodeCpuSeconds?: number;
  /** CPU seconds of the server process meanwhile (all its clients'); absent when it cannot be read. */
  serverCpuSeconds?: number;
  /** For the loader: where its time went and the bound the model gives. */
  account?: LoaderAccount;
  /** A job's log messages, at seconds since its spawn (JSON only). */
  timeline?: TimelineEntry[];
  /** Set when `seconds` is extrapolated: the rows actually run and their seconds. */
  sample?: { rows: number; seconds: number };
  note?: string;
}

/** Seconds for `totalRows` at the rate measured on `sampleRows` (per-row cost assumed constant). */
export function extrapolate(seconds: number, sampleRows: number, totalRows: number): number {
  return (seconds * totalRows) / sampleRows;
}

/** The faster of the floor's runs: the warmer caches are the fairer base. */
export function floorSeconds(measured: readonly MeasuredStep[]): number | undefined {
  const runs = measured.flatMap(({ step, outcome }) =>
    step.name === 'floor' && outcome.status === 'ok' ? [outcome.seconds] : [],
  );
  return runs.length > 0 ? Math.min(...runs) : undefined;
}

export function toResults(measured: readonly MeasuredStep[], totalRows: number): StepResult[] {
  const floor = floorSeconds(measured);
  return measured.map(({ step, label, outcome }) => {
    const kind = STEP_KINDS[step.name];
    const result: StepResult = { name: step.name, run: step.run, label, kind, status: outcome.status };
    if (outcome.status !== 'ok') return { ...result, note: outcome.note };
    const seconds = outcome.rows < totalRows ? extrapolate(outcome.seconds, outcome.rows, totalRows) : outcome.seconds;
    result.seconds = seconds;
    result.rowsPerSecond = outcome.rows / outcome.seconds;
    if (outcome.rows < totalRows) result.sample = { rows: outcome.rows, seconds: outcome.seconds };
    if (kind !== 'query' && floor !== undefined) result.ratio = seconds / floor;
    if (outcome.peakRssMb !== undefined) result.peakRssMb = outcome.peakRssMb;
    if (outcome.jobSeconds !== undefined) {
      result.jobSeconds = outcome.jobSeconds;
      if (kind !== 'query' && floor !== undefined) result.jobRatio = outcome.jobSeconds / floor;
    }
    // A sample's CPU is extrapolated like its seconds (the same per-row cost).
    const scale = (cpu: number) => (outcome.rows < totalRows ? extrapolate(cpu, outcome.rows, totalRows) : cpu);
    if (outcome.nodeCpuSeconds !== undefined) result.nodeCpuSeconds = scale(outcome.nodeCpuSeconds);
    if (outcome.serverCpuSeconds !== undefined) result.serverCpuSeconds = scale(outcome.serverCpuSeconds);
    if (outcome.account !== undefined) result.account = outcome.account;
    if (outcome.timeline !== undefined) result.timeline = outcome.timeline;
    if (outcome.note !== undefined) result.note = outcome.note;
    return result;
  });
}
