import type { LoaderAccount } from './cpu-account.ts';
import { formatRatio, formatSeconds, padTable } from './format-table.ts';
import type { StepResult } from './results.ts';

const HEADER = [
  'loader run',
  'seconds',
  'before first row',
  'Node CPU before',
  'stream',
  'Node CPU',
  'Node idle',
  'server CPU',
  'after last row',
  'server CPU after',
  'bound',
  '× bound',
];
const RIGHT = [false, true, true, true, true, true, true, true, true, true, true, true];
const NONE = '—';

/**
 * The loader's runs split into phases, with the bound the model gives: where the run
 * lost time against what the two processes needed of the CPU. Empty when no run has an
 * account; says why when the server's CPU time could not be read.
 */
export function formatAccounts(
  results: readonly StepResult[],
  serverCpu: { pid: number } | { unavailable: string },
): string {
  const accounted = results.filter(
    (result): result is StepResult & { account: LoaderAccount; seconds: number } =>
      result.account !== undefined && result.seconds !== undefined,
  );
  if (accounted.length === 0) return '';
  const table = padTable(
    HEADER,
    RIGHT,
    accounted.map(({ label, seconds, account }) => accountCells(label, seconds, account)),
  );
  const server =
    'unavailable' in serverCpu
      ? `The server's CPU time could not be read (${serverCpu.unavailable}), so there is no bound: the stream's bound needs it.`
      : `The server's CPU time is its process's (pid ${serverCpu.pid}) from /proc, all its clients included.`;
  return (
    `${table}\n\nSeconds are wall-clock; Node CPU before is the loader's CPU before its first row (start-up and module loading included); Node CPU, Node idle and server CPU are for the stream (from 'load started' to 'people loaded into staging'). ` +
    `Bound = before first row + max(Node CPU, server CPU) + after last row (the commit, where InnoDB builds the index, the swap, the exit). ${server}`
  );
}

export function accountCells(label: string, seconds: number, account: LoaderAccount): string[] {
  const { beforeFirstRow, stream, afterLastRow, boundSeconds } = account;
  const optional = (value: number | undefined) => (value === undefined ? NONE : formatSeconds(value));
  return [
    label,
    formatSeconds(seconds),
    formatSeconds(beforeFirstRow.seconds),
    formatSeconds(beforeFirstRow.nodeCpuSeconds),
    formatSeconds(stream.seconds),
    formatSeconds(stream.nodeCpuSeconds),
    formatSeconds(stream.nodeIdleSeconds),
    optional(stream.serverCpuSeconds),
    formatSeconds(afterLastRow.seconds),
    optional(afterLastRow.serverCpuSeconds),
    optional(boundSeconds),
    boundSeconds === undefined ? NONE : formatRatio(seconds / boundSeconds),
  ];
}
