import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The jobs' entry files, run as `npm run load` / `npm run report` would. */
export const LOADER_MAIN = join(ROOT, 'packages/loader/src/main.ts');
export const READER_MAIN = join(ROOT, 'packages/reader/src/main.ts');

/** One JSON log line of a job (the jobs log JSON when stdout is not a terminal). */
export type LogLine = Record<string, unknown> & { msg: string; level: number };

export interface JobResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout's JSON lines, parsed. */
  lines: LogLine[];
  /** Peak resident memory (VmHWM) and resident memory every 50 ms; only with `memory: true`, else 0 and []. */
  peakRssKb: number;
  rssKb: number[];
}

export interface JobOptions {
  args?: readonly string[];
  /** Node flags before the script, e.g. --max-old-space-size. */
  nodeOptions?: readonly string[];
  /** A command the job runs under, e.g. setpriv to run it as another user, or /usr/bin/time. */
  wrapper?: readonly string[];
  /** Sample the process's resident memory from /proc (Linux) while it runs. */
  memory?: boolean;
  /** Called with each log line as it arrives, to act mid-run. */
  onLine?: (line: LogLine, job: RunningJob) => void;
}

export interface RunningJob {
  pid: number;
  /** Resolves with the first JSON log line that matches; rejects if the job ends first or on timeout. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  kill(signal: NodeJS.Signals): void;
  /** The end of the job, with all its output. */
  done: Promise<JobResult>;
}

/**
 * Starts a job's entry file as its own process, exactly as the user would (node
 * --conditions=development), with only the given environment plus PATH, so nothing leaks in
 * from the test's; its log lines can be watched as they come.
 */
export function startJob(entry: string, env: Record<string, string>, options: JobOptions = {}): RunningJob {
  const command = [
    ...(options.wrapper ?? []),
    process.execPath,
    ...(options.nodeOptions ?? []),
    '--conditions=development',
    entry,
    ...(options.args ?? []),
  ];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const lines: LogLine[] = [];
  const watchers = new Set<() => void>();
  const memory = options.memory ? sampleMemory(child.pid!) : undefined;
  let ended = false;

  const job: RunningJob = {
    pid: child.pid!,
    kill: (signal) => child.kill(signal),
    done: new Promise<JobResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        ended = true;
        memory?.stop();
        if (pending.startsWith('{')) lines.push(JSON.parse(pending));
        for (const watcher of watchers) watcher();
        resolve({ code, signal, stdout, stderr, lines, peakRssKb: memory?.peakRssKb ?? 0, rssKb: memory?.rssKb ?? [] });
      });
    }),
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no matching log line within ${timeoutMs} ms; output so far:\n${stdout}${stderr}`)),
          timeoutMs,
        );
        const finish = (err?: Error, line?: LogLine) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (err) reject(err);
          else resolve(line!);
        };
        const check = () => {
          const line = lines.find(match);
          if (line) finish(undefined, line);
          else if (ended)
            finish(new Error(`the job ended before a matching log line; its output:\n${stdout}${stderr}`));
        };
        watchers.add(check);
        check();
      });
    },
  };

  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const text of complete) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      options.onLine?.(line, job);
    }
    for (const watcher of watchers) watcher();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return job;
}

/** Runs a job to its end (see startJob). */
export function runJob(entry: string, env: Record<string, string>, options: JobOptions = {}): Promise<JobResult> {
  return startJob(entry, env, options).done;
}

/** Resident memory (VmRSS, and the peak VmHWM) read from /proc every 50 ms. */
function sampleMemory(pid: number) {
  const state = { peakRssKb: 0, rssKb: [] as number[], stop: () => clearInterval(sampler) };
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const peak = /VmHWM:\s+(\d+) kB/.exec(status);
      const now = /VmRSS:\s+(\d+) kB/.exec(status);
      if (peak) state.peakRssKb = Math.max(state.peakRssKb, Number(peak[1]));
      if (now) state.rssKb.push(Number(now[1]));
    } catch {
      // Gone already, or not Linux.
    }
  }, 50);
  return state;
}
