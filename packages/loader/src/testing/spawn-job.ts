import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface JobResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (the jobs log JSON when stdout is not a terminal). */
  lines: Array<Record<string, unknown> & { msg: string; level: number }>;
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs a job's main.ts as its own process, exactly as `npm run load`/`report` would,
 * with only the given environment (plus PATH), so nothing leaks in from the test's.
 */
export function spawnJob(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
  onStart?: (pid: number) => void,
  /** A command the job runs under, e.g. setpriv to run it as another user. */
  wrapper: string[] = [],
): Promise<JobResult> {
  const command = [...wrapper, process.execPath, '--conditions=development', entry, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) onStart?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const lines = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line));
      resolve({ code, signal, stdout, stderr, lines });
    });
  });
}

export const LOADER_MAIN = 'packages/loader/src/main.ts';
