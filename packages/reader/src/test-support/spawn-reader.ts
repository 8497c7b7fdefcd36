import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ReaderRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The JSON log lines on stdout, parsed. */
  logs: Array<Record<string, unknown>>;
}

export interface SpawnOptions {
  /** Node flags before the script, e.g. --max-old-space-size. */
  nodeOptions?: string[];
  /** A command the reader runs under, e.g. /usr/bin/time. */
  wrapper?: string[];
  /** Called with each log line as it arrives, with the child (to signal it). */
  onLog?: (log: Record<string, unknown>, child: ChildProcess) => void;
}

/**
 * Runs the reader's main.ts as the user would (node --conditions=development), with exactly
 * `env` plus PATH: nothing leaks in from the test runner's environment.
 */
export function spawnReader(
  args: string[],
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<ReaderRun> {
  const command = [
    ...(options.wrapper ?? []),
    process.execPath,
    ...(options.nodeOptions ?? []),
    '--conditions=development',
    MAIN,
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const log of parseLogs(lines)) options.onLog?.(log, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, logs: parseLogs(stdout.split('\n')) }));
  });
}

function parseLogs(lines: string[]): Array<Record<string, unknown>> {
  return lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}
