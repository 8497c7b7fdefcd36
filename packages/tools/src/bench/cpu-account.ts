import { cpuAt, cpuBetween, type CpuSample } from './cpu-trace.ts';

/** The loader's log lines that bound its phases (see packages/loader/src/load.ts). */
export const STREAM_STARTS = 'load started';
export const STREAM_ENDS = 'people loaded into staging';

/** One phase of a load: its wall seconds and the CPU seconds each side spent in it. */
export interface PhaseAccount {
  seconds: number;
  nodeCpuSeconds: number;
  /** Absent when the server's CPU time cannot be read (a server on another machine). */
  serverCpuSeconds?: number;
}

/**
 * Where a loader run's time went, and the bound the model gives: while rows stream,
 * Node and the server work side by side on their own cores, so the stream can take no
 * less than the busier of the two; before the first row (start-up, connection, lock,
 * schema, staging tables) and after the last (the commit, where InnoDB builds the
 * secondary index, then the swap and the bookkeeping) are added as they were measured.
 */
export interface LoaderAccount {
  beforeFirstRow: PhaseAccount;
  stream: PhaseAccount & { nodeIdleSeconds: number };
  afterLastRow: PhaseAccount;
  /** Wall seconds the loader's process spent not on a CPU, over its whole run. */
  nodeIdleSeconds: number;
  /** before + max(Node's stream CPU, the server's stream CPU) + after; absent without the server's CPU. */
  boundSeconds?: number;
}

export interface LoaderRunTimes {
  /** Epoch milliseconds at spawn and at exit. */
  startedAt: number;
  exitedAt: number;
  /** Epoch milliseconds of the loader's log lines, by message. */
  logged: ReadonlyMap<string, number>;
  /** The loader process's own CPU time, since it started. */
  node: readonly CpuSample[];
  server?: readonly CpuSample[];
}

/** The account of one loader run, or undefined when its log lacks the lines that bound the stream. */
export function accountLoaderRun(run: LoaderRunTimes): LoaderAccount | undefined {
  const streamStarts = run.logged.get(STREAM_STARTS);
  const streamEnds = run.logged.get(STREAM_ENDS);
  if (streamStarts === undefined || streamEnds === undefined || run.node.length === 0) return undefined;
  const phase = (from: number, to: number, nodeCpuSeconds: number): PhaseAccount => ({
    seconds: (to - from) / 1000,
    nodeCpuSeconds,
    ...(run.server ? { serverCpuSeconds: cpuBetween(run.server, from, to) } : {}),
  });
  // The process's CPU time counts from its start, so the first phase's is its reading at the phase's end.
  const beforeFirstRow = phase(run.startedAt, streamStarts, cpuAt(run.node, streamStarts));
  const stream = phase(streamStarts, streamEnds, cpuBetween(run.node, streamStarts, streamEnds));
  const afterLastRow = phase(streamEnds, run.exitedAt, cpuBetween(run.node, streamEnds, run.exitedAt));
  const nodeCpuSeconds = run.node.at(-1)![1];
  const account: LoaderAccount = {
    beforeFirstRow,
    stream: { ...stream, nodeIdleSeconds: idle(stream.seconds, stream.nodeCpuSeconds) },
    afterLastRow,
    nodeIdleSeconds: idle((run.exitedAt - run.startedAt) / 1000, nodeCpuSeconds),
  };
  if (stream.serverCpuSeconds !== undefined) {
    account.boundSeconds =
      beforeFirstRow.seconds + Math.max(stream.nodeCpuSeconds, stream.serverCpuSeconds) + afterLastRow.seconds;
  }
  return account;
}

/** Wall time not spent on a CPU; never negative (a process's helper threads can add CPU time in parallel). */
export function idle(wallSeconds: number, cpuSeconds: number): number {
  return Math.max(0, wallSeconds - cpuSeconds);
}
