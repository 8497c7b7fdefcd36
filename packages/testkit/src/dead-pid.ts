import { spawnSync } from 'node:child_process';

/**
 * The pid of a process that has just ended: what a run killed with SIGKILL leaves in its
 * temporary file names. (Pids are reused only after the kernel wraps around.)
 */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}
