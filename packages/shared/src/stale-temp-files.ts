import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** When this process started, in ms since the epoch (as file times are). */
const STARTED_AT_MS = Date.now() - performance.now();

/**
 * Removes the temporary files that runs killed hard (SIGKILL, a power cut) left in `dir`:
 * files whose name matches one of `patterns`, whose first capture group is the pid of the
 * process that wrote them, when that process is no longer alive. Files of live processes
 * are kept: they may be another run's work in progress. Returns the names removed.
 */
export async function removeStaleTempFiles(dir: string, patterns: readonly RegExp[]): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = pidIn(name, patterns);
    if (pid === undefined || !(await isStale(join(dir, name), pid))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function pidIn(name: string, patterns: readonly RegExp[]): number | undefined {
  for (const pattern of patterns) {
    const pid = pattern.exec(name)?.[1];
    if (pid !== undefined) return Number(pid);
  }
  return undefined;
}

/**
 * A file of our own pid was left by an earlier process that had it (in a container every
 * run is the same low pid) if it is older than this process. Any other pid: stale when no
 * such process exists; EPERM means it exists under another user.
 */
async function isStale(path: string, pid: number): Promise<boolean> {
  if (pid === process.pid) {
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && info.mtimeMs < STARTED_AT_MS;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
