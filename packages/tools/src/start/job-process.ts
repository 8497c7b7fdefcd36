import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT_CODES } from '@rollcall/shared';

const JOBS = {
  loader: fileURLToPath(new URL('../../../loader/src/main.ts', import.meta.url)),
  reader: fileURLToPath(new URL('../../../reader/src/main.ts', import.meta.url)),
} as const;

export type JobName = keyof typeof JOBS;

/**
 * Runs the jobs one at a time as `npm run load` / `npm run report` would, with their output
 * on this terminal, and passes SIGINT/SIGTERM on to the one running. Each job runs in a
 * process group of its own, so a Ctrl-C reaches it once (from here), not twice: a second
 * signal makes a job exit without rolling back.
 */
export class JobRunner {
  private current: ChildProcess | undefined;
  /** The first signal received, if any: no job starts after it. */
  interrupted: NodeJS.Signals | undefined;

  /** The job's exit code (128 + n when a signal ended it, or came before it could start). */
  run(job: JobName, env: NodeJS.ProcessEnv): Promise<number> {
    if (this.interrupted) return Promise.resolve(exitCodeOf(this.interrupted));
    const child = spawn(process.execPath, ['--conditions=development', JOBS[job]], {
      env,
      stdio: 'inherit',
      detached: true,
    });
    this.current = child;
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        this.current = undefined;
        resolve(code ?? exitCodeOf(signal ?? 'SIGTERM'));
      });
    });
  }

  /** For process.on('SIGINT'/'SIGTERM'): the running job stops (it exits within 8 s, run-job.ts). */
  forward(signal: NodeJS.Signals): void {
    this.interrupted ??= signal;
    this.current?.kill(signal);
  }
}

function exitCodeOf(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? EXIT_CODES.SIGINT : EXIT_CODES.SIGTERM;
}
