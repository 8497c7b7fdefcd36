import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CpuSample } from './cpu-trace.ts';
import type { ProbeReport } from './job-probe.ts';
import { jsonLines } from './json-lines.ts';

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

// Not testkit's runJob: the bench is product tooling (npm run bench) and may not depend on a
// test-only package that needs vitest; and it wants what tests never do: a file on stdin, an
// AbortSignal, wall time, and peak RSS and CPU read inside the child (job-probe.ts).
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
    return {
      startedAt,
      exitedAt,
      seconds,
      exitCode,
      signal,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
    };
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
    const probe = await readFile(probeFile, 'utf8').then(
      (text) => JSON.parse(text) as ProbeReport,
      () => undefined,
    );
    return probe ? { ...run, peakRssMb: probe.maxRssKb / 1024, cpu: probe.cpu } : run;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Why a child failed, in one line: its exit, then the last warning or error it logged, else its last line of text. */
export function failureOf(run: Pick<ChildRun, 'exitCode' | 'signal' | 'stdout' | 'stderr'>): string {
  const how = run.signal ? `killed by ${run.signal}` : `exit ${run.exitCode}`;
  const output = `${run.stdout}\n${run.stderr}`;
  const logged = jsonLines(output)
    .filter((entry) => Number(entry.level ?? 0) >= 40 && typeof entry.msg === 'string')
    .at(-1)?.msg;
  const last =
    logged ??
    output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1);
  return last ? `${how}: ${last}` : how;
}
