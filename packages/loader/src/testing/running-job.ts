import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JobResult } from './spawn-job.ts';

type LogLine = JobResult['lines'][number];

export interface RunningJob {
  pid: number;
  /** Resolves with the first JSON log line that matches; rejects if the job ends first or on timeout. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  kill(signal: NodeJS.Signals): void;
  /** The end of the job, with all its output, its peak memory and its memory over time. */
  done: Promise<JobResult & { peakRssKb: number; rssKb: number[] }>;
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Starts a job's main.ts as its own process (like spawnJob) and lets the test watch its log
 * lines as they come, to act mid-run: send a signal, kill the database. Resident memory
 * (VmRSS, and the peak VmHWM; Linux) is sampled from /proc every 50 ms while it runs.
 */
export function startJob(entry: string, env: Record<string, string>): RunningJob {
  const child = spawn(process.execPath, ['--conditions=development', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  let pending = '';
  const lines: LogLine[] = [];
  const watchers = new Set<() => void>();
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line));
    for (const watcher of watchers) watcher();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));

  let peakRssKb = 0;
  const rssKb: number[] = [];
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const peak = /VmHWM:\s+(\d+) kB/.exec(status);
      const now = /VmRSS:\s+(\d+) kB/.exec(status);
      if (peak) peakRssKb = Math.max(peakRssKb, Number(peak[1]));
      if (now) rssKb.push(Number(now[1]));
    } catch {
      // Gone already, or not Linux.
    }
  };
  const sampler = setInterval(sample, 50);

  let ended = false;
  const done = new Promise<JobResult & { peakRssKb: number; rssKb: number[] }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      ended = true;
      clearInterval(sampler);
      for (const watcher of watchers) watcher();
      if (pending.startsWith('{')) lines.push(JSON.parse(pending));
      resolve({ code, signal, stdout, stderr, lines, peakRssKb, rssKb });
    });
  });

  return {
    pid,
    done,
    kill: (signal) => child.kill(signal),
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
}
