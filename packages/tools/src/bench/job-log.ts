import { jsonLines } from './json-lines.ts';
import type { Outcome, TimelineEntry } from './results.ts';
import type { ChildRun } from './run-child.ts';

/**
 * A job that did its work: its wall time, peak RSS, CPU time (its own, and the server's
 * when known), log timeline and, when it logged one, its own timer.
 */
export function jobOutcome(run: ChildRun, rows: number, jobSeconds: unknown, serverCpuSeconds?: number): Outcome {
  return {
    status: 'ok',
    seconds: run.seconds,
    rows,
    ...(run.peakRssMb !== undefined ? { peakRssMb: run.peakRssMb } : {}),
    ...(run.cpu !== undefined && run.cpu.length > 0 ? { nodeCpuSeconds: run.cpu.at(-1)![1] } : {}),
    ...(serverCpuSeconds !== undefined ? { serverCpuSeconds } : {}),
    ...(typeof jobSeconds === 'number' ? { jobSeconds } : {}),
    timeline: timelineOf(run),
  };
}

/** A job's JSON log lines at info or above, as seconds since its spawn: where its time went. */
export function timelineOf(run: ChildRun): TimelineEntry[] {
  return jsonLines(run.stdout).flatMap(({ level, time, msg }) =>
    typeof time === 'number' && typeof msg === 'string' && Number(level ?? 0) >= 30
      ? [{ at: Number(((time - run.startedAt) / 1000).toFixed(3)), msg }]
      : [],
  );
}

/** Epoch milliseconds of a job's first log line with each message. */
export function loggedAt(stdout: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const { time, msg } of jsonLines(stdout)) {
    if (typeof time === 'number' && typeof msg === 'string' && !times.has(msg)) times.set(msg, time);
  }
  return times;
}

/** The first JSON log line that `test` accepts, e.g. the loader's 'load complete'. */
export function findLogLine(
  stdout: string,
  test: (entry: Record<string, unknown>) => boolean,
): Record<string, unknown> | undefined {
  return jsonLines(stdout).find(test);
}
