import { spawnSync } from 'node:child_process';

/** nobody:nogroup on Debian: an account that owns nothing the tests create. */
export const UNPRIVILEGED_UID = 65534;

const SETPRIV = ['setpriv', `--reuid=${UNPRIVILEGED_UID}`, `--regid=${UNPRIVILEGED_UID}`, '--clear-groups'];

/**
 * The command prefix that runs a process as an unprivileged user, or undefined where the
 * tests cannot switch users (they do not run as root, or setpriv is missing, or the user
 * cannot reach `probePath`, e.g. a checkout under a private home). Permission checks mean
 * nothing to root, so tests of unreadable files and folders run the job through this.
 */
export function unprivilegedCommand(probePath: string): string[] | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const probe = spawnSync(SETPRIV[0]!, [...SETPRIV.slice(1), 'test', '-r', probePath], { stdio: 'ignore' });
  return probe.status === 0 ? SETPRIV : undefined;
}

/**
 * Whether tests that need an unprivileged user may be skipped: only off CI. CI runs as
 * root, where switching is possible, so a CI that cannot switch fails instead of hiding it.
 */
export function maySkipUnprivileged(command: string[] | undefined): boolean {
  return command === undefined && process.env.CI !== 'true';
}
