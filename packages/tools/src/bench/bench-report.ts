import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFolder } from '@rollcall/shared';
import { formatAccounts } from './format-account.ts';
import { formatCount, formatSeconds, formatTable } from './format-table.ts';
import type { MachineFacts } from './machine.ts';
import type { StepResult } from './results.ts';

/** Everything one run found: written as bench-<rows>.json, and as Markdown for people. */
export interface BenchReport {
  /** The command that runs this benchmark again. */
  command: string;
  rows: number;
  seed: number;
  sample: number;
  files: {
    people: { rows: number; bytes: number; sha256: string };
    places: { rows: number; bytes: number };
    /** The generator command that writes these exact files. */
    generator: string;
  };
  machine: MachineFacts;
  /** Where the server's CPU time was read from, or why it could not be. */
  serverCpu: { pid: number } | { unavailable: string };
  /** The 1-minute load average when the last step ended. */
  loadAverageAfter: number;
  /** The faster floor run: the base of every ratio. */
  floorSeconds?: number;
  results: StepResult[];
}

export function formatMarkdown(report: BenchReport): string {
  const { machine, files } = report;
  const base =
    report.floorSeconds === undefined
      ? 'No floor run succeeded, so there are no ratios.'
      : `Ratios are to the faster floor run (${formatSeconds(report.floorSeconds)} s).`;
  return `# Benchmark: ${formatCount(report.rows)} people rows

\`${report.command}\`, ${machine.date}: one run, on one generated file and one server; the steps ran one after the other in this order, each load from an empty scratch database.

${formatTable(report.results)}

${base} Seconds are wall-clock: a job's from spawning its process to its exit (Node start-up and connection included; the job's own timer and its ratio are in the note), the floor's and the summary query's for the statement alone. ≈ marks a time extrapolated from a sample. rows/s counts people rows; peak RSS is the job process's own (getrusage). Node CPU is user + system CPU seconds of the Node process that did the work: the job's own, or the benchmark's for a statement it timed (it streams the floor's file). Server CPU is the server process's over the same time (${serverCpuSource(report.serverCpu)}).
${accountSection(report)}
## Machine and data
- CPU: ${machine.cores} cores (${machine.cpuModel}); memory ${machine.memoryGiB} GiB; ${machine.os}
- Node ${machine.node}
- server ${machine.server.version}: innodb_buffer_pool_size ${machine.server.innodbBufferPoolMiB} MiB, innodb_flush_log_at_trx_commit ${machine.server.innodbFlushLogAtTrxCommit}, local_infile ${machine.server.localInfile ? 'ON' : 'OFF'}
- load average (1 min): ${machine.loadAverage} at the start, ${report.loadAverageAfter} at the end
- people.csv: ${formatCount(files.people.rows)} rows, ${formatMegabytes(files.people.bytes)} (sha256 ${files.people.sha256.slice(0, 16)}…); places.csv: ${formatCount(files.places.rows)} rows
- files written by \`${files.generator}\`
`;
}

function serverCpuSource(serverCpu: BenchReport['serverCpu']): string {
  return 'pid' in serverCpu
    ? `pid ${serverCpu.pid}, from /proc, all its clients included`
    : `not measured: ${serverCpu.unavailable}`;
}

function accountSection(report: BenchReport): string {
  const accounts = formatAccounts(report.results, report.serverCpu);
  return accounts ? `\n## Where the loader's time went\n\n${accounts}\n` : '';
}

/** Six significant digits are plenty for timings; the JSON stays readable. */
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Writes bench-<rows>.json and bench-<rows>.md into `dir`; returns their paths. */
export async function writeBenchReport(report: BenchReport, dir: string): Promise<string[]> {
  await makeFolder(dir);
  const json = join(dir, `bench-${report.rows}.json`);
  const markdown = join(dir, `bench-${report.rows}.md`);
  await writeFile(json, `${JSON.stringify(report, roundNumbers, 2)}\n`);
  await writeFile(markdown, formatMarkdown(report));
  return [json, markdown];
}
