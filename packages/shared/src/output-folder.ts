import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { RollcallError } from './errors.ts';
import { removeStaleTempFiles } from './stale-temp-files.ts';

/**
 * Creates `path` and its missing parents, one mkdir per missing component. Node's own
 * `mkdir(path, { recursive: true })` retries for ever where mkdir fails with ENOENT under a
 * parent that exists (as in /proc: `REPORTS_DIR=/proc/rollcall` spun at 100% CPU); here every
 * step is taken once, so the walk ends after as many steps as the path has components.
 */
export async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(path); !(await exists(at)); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}

/** The probe file's name; the capture is the pid of the job that wrote it. */
const PROBE_NAME = /^\.rollcall-probe\.(\d+)\.[0-9a-f]{8}$/;

/**
 * A job's check, before it touches the database, that an output folder exists or can be
 * created and takes a file (a probe file is created and removed). Anything else is
 * OUTPUT_UNUSABLE naming the folder, the setting it comes from, the uid the job runs as,
 * the folder's owner (or its nearest existing parent's) and what to do.
 */
export async function checkOutputFolder(path: string, setting: string): Promise<void> {
  const uid = process.getuid?.() ?? '<uid>';
  try {
    await makeFolder(path);
  } catch (err) {
    throw await unusable(
      path,
      setting,
      `does not exist and cannot be created (${reasonOf(err)})`,
      `create it as a folder that uid ${uid} can write`,
    );
  }
  const info = await stat(path);
  if (!info.isDirectory()) throw await unusable(path, setting, 'is a file, not a folder', 'move the file away');
  await removeStaleTempFiles(path, [PROBE_NAME]);
  const probe = join(path, `.rollcall-probe.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (err) {
    throw await unusable(
      path,
      setting,
      `cannot be written (${reasonOf(err)})`,
      `make it writable for uid ${uid} (e.g. chown ${uid} ${path})`,
    );
  }
  await rm(probe, { force: true });
}

async function unusable(path: string, setting: string, problem: string, remedy: string): Promise<RollcallError> {
  const uid = process.getuid?.();
  const owner = await nearestOwner(resolve(path));
  const whose = !owner
    ? 'its owner is unknown'
    : owner.path === resolve(path)
      ? `it belongs to uid ${owner.uid} (gid ${owner.gid})`
      : `${owner.path}, its nearest existing parent, belongs to uid ${owner.uid} (gid ${owner.gid})`;
  return new RollcallError(
    'OUTPUT_UNUSABLE',
    `${setting} folder ${path} ${problem}; the job runs as uid ${uid ?? '?'} (gid ${process.getgid?.() ?? '?'}) and ${whose}. ` +
      `To fix: ${remedy}, or set ${setting} to a folder that uid ${uid ?? '?'} can write. Nothing was loaded or written`,
    { folder: path, setting, uid, ownerUid: owner?.uid, problem },
  );
}

/** The owner of `path`, or of its nearest existing parent: at most one stat per component. */
async function nearestOwner(path: string): Promise<{ path: string; uid: number; gid: number } | undefined> {
  for (let at = path; ; at = dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info) return { path: at, uid: info.uid, gid: info.gid };
    if (dirname(at) === at) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function reasonOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}
