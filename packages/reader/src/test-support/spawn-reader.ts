import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ReaderRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The JSON log lines on stdout, parsed. */
  logs: Array<Record<string, unknown>>;
}

/**
 * Runs the reader's main.ts as the user would (node --conditions=development), with exactly
 * `env` plus PATH: nothing leaks in from the test runner's environment.
 */
export function spawnReader(args: string[], env: Record<string, string>, nodeOptions: string[] = [], wrapper: string[] = []): Promise<ReaderRun> {
  const command = [...wrapper, process.execPath, ...nodeOptions, '--conditions=development', MAIN, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, logs: parseLogs(stdout) }));
  });
}

function parseLogs(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
