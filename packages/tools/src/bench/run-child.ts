import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Outcome } from './results.ts';

export interface ChildRun {
  /** Epoch milliseconds at spawn, the clock of pino's `time`. */
  startedAt: number;
  seconds: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The child's own peak RSS, for Node jobs started by runNodeJob. */
  peakRssMb?: number;
}

export interface ChildOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** A file fed to the child's stdin (e.g. an SQL script). */
  stdinFile?: string;
  signal?: AbortSignal;
}

const PROBE = fileURLToPath(new URL('./peak-rss-probe.ts', import.meta.url));

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
    child.on('exit', () => (seconds = (performance.now() - started) / 1000));
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, sig) => resolve([code, sig]));
    });
    return { startedAt, seconds, exitCode, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
  } finally {
    await stdin?.close();
  }
}

/** Runs a TypeScript job's entry file as `npm run` would, and reads its peak RSS at exit. */
export async function runNodeJob(entry: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  const dir = await mkdtemp(join(tmpdir(), 'rollcall-bench-rss-'));
  const rssFile = join(dir, 'peak-rss-kb');
  try {
    const run = await runChild(process.execPath, ['--conditions=development', '--import', PROBE, entry, ...args], {
      ...options,
      env: { ...options.env, ROLLCALL_BENCH_PEAK_RSS_FILE: rssFile },
    });
    const kb = Number(await readFile(rssFile, 'utf8').catch(() => ''));
    return kb > 0 ? { ...run, peakRssMb: kb / 1024 } : run;
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

/** A job's JSON log lines at info or above, as seconds since its spawn: where its time went. */
/** A job that did its work: its wall time, peak RSS, log timeline and, when it logged one, its own timer. */
export function jobOutcome(run: ChildRun, rows: number, jobSeconds: unknown): Outcome {
  return {
    status: 'ok',
    seconds: run.seconds,
    rows,
    ...(run.peakRssMb !== undefined ? { peakRssMb: run.peakRssMb } : {}),
    ...(typeof jobSeconds === 'number' ? { jobSeconds } : {}),
    timeline: timelineOf(run),
  };
}

export function timelineOf(run: ChildRun): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; time?: number; msg?: string };
      if (typeof entry.time !== 'number' || typeof entry.msg !== 'string' || (entry.level ?? 0) < 30) continue;
      entries.push({ at: Number(((entry.time - run.startedAt) / 1000).toFixed(3)), msg: entry.msg });
    } catch {
      // not a JSON line
    }
  }
  return entries;
}

export interface TimelineEntry {
  at: number;
  msg: string;
}

/** The first JSON log line that `test` accepts, e.g. the loader's 'load complete'. */
export function findLogLine(stdout: string, test: (entry: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (test(entry)) return entry;
    } catch {
      // not a JSON line
    }
  }
  return undefined;
}
