import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CpuSample } from './cpu-trace.ts';
import type { ProbeReport } from './job-probe.ts';
import type { Outcome } from './results.ts';

export interface ChildRun {
  /** Epoch milliseconds at spawn, the clock of pino's `time`. */
  startedAt: number;
  seconds: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Epoch milliseconds when the child exited. */
  exitedAt: number;
  /** The child's own peak RSS, for Node jobs started by runNodeJob. */
  peakRssMb?: number;
  /** The child's own CPU time over its life, for Node jobs started by runNodeJob. */
  cpu?: CpuSample[];
}

export interface ChildOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** A file fed to the child's stdin (e.g. an SQL script). */
  stdinFile?: string;
  signal?: AbortSignal;
}

const PROBE = fileURLToPath(new URL('./job-probe.ts', import.meta.url));

/** Wall time from spawn to exit; stdout and stderr are kept for the caller to read. */
export async function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  const stdin = options.stdinFile ? await open(options.stdinFile) : undefined;
  try {
    const startedAt = Date.now();
    const started = performance.now();
    const child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: [stdin ? stdin.fd : 'ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    let seconds = 0;
    let exitedAt = 0;
    child.on('exit', () => {
      seconds = (performance.now() - started) / 1000;
      exitedAt = Date.now();
    });
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, sig) => resolve([code, sig]));
    });
    return { startedAt, exitedAt, seconds, exitCode, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
  } finally {
    await stdin?.close();
  }
}

/** Runs a TypeScript job's entry file as `npm run` would, and reads its peak RSS and CPU trace at exit. */
export async function runNodeJob(entry: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rollcall-bench-probe-'));
  const probeFile = join(dir, 'probe.json');
  try {
    const run = await runChild(process.execPath, ['--conditions=development', '--import', PROBE, entry, ...args], {
      ...options,
      env: { ...options.env, ROLLCALL_BENCH_PROBE_FILE: probeFile },
    });
    const probe = await readFile(probeFile, 'utf8').then((text) => JSON.parse(text) as ProbeReport, () => undefined);
    return probe ? { ...run, peakRssMb: probe.maxRssKb / 1024, cpu: probe.cpu } : run;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Why a child failed, in one line: its exit, then the last error it logged. */
export function failureOf(run: ChildRun): string {
  const how = run.signal ? `killed by ${run.signal}` : `exit ${run.exitCode}`;
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((line) => line.trim()).filter(Boolean);
  const last = lines.map(messageOf).filter((message) => message !== undefined).at(-1) ?? lines.at(-1);
  return last ? `${how}: ${last}` : how;
}

/** The message of a pino JSON line at warn level or above, else undefined. */
function messageOf(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string };
    return (entry.level ?? 0) >= 40 ? entry.msg : undefined;
  } catch {
    return undefined;
  }
}

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
  const entries: TimelineEntry[] = [];
  for (const entry of jsonLines(run.stdout)) {
    if (typeof entry.time !== 'number' || typeof entry.msg !== 'string' || ((entry.level as number | undefined) ?? 0) < 30) continue;
    entries.push({ at: Number(((entry.time - run.startedAt) / 1000).toFixed(3)), msg: entry.msg });
  }
  return entries;
}

export interface TimelineEntry {
  at: number;
  msg: string;
}

/** Epoch milliseconds of a job's first log line with each message. */
export function loggedAt(stdout: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const entry of jsonLines(stdout)) {
    if (typeof entry.time === 'number' && typeof entry.msg === 'string' && !times.has(entry.msg)) times.set(entry.msg, entry.time);
  }
  return times;
}

/** The first JSON log line that `test` accepts, e.g. the loader's 'load complete'. */
export function findLogLine(stdout: string, test: (entry: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  for (const entry of jsonLines(stdout)) if (test(entry)) return entry;
  return undefined;
}

function* jsonLines(stdout: string): Generator<Record<string, unknown>> {
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      yield JSON.parse(line) as Record<string, unknown>;
    } catch {
      // not a JSON line
    }
  }
}
