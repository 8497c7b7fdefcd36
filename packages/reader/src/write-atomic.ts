import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The hidden temporary name writeTemp gives a file; the capture is the writer's pid. */
export const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** A complete, fsynced file under a temporary name, waiting to replace its target. */
export interface PendingFile {
  target: string;
  /** Renames it over the target (atomic within one file system) and makes the rename durable. */
  commit(): Promise<void>;
  /** Removes it; the target is left as it was. */
  discard(): Promise<void>;
}

/**
 * Streams `source` through `transforms` into a hidden temporary file next to `target` (a
 * rename is atomic only within one file system). pipeline() carries backpressure from the
 * file back to the source. On any failure the temporary file is removed and the error
 * rethrown; on success nothing is visible until commit().
 */
export async function writeTemp(
  target: string,
  source: Readable,
  transforms: Transform[],
  signal?: AbortSignal,
): Promise<PendingFile> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // 'wx': never follow or reuse an existing name. flush: fsync before close (Node >= 21),
    // and pipeline() resolves only once the file is closed, so the data is on disk first.
    const out = createWriteStream(temp, { flags: 'wx', flush: true, highWaterMark: 256 * 1024 });
    await pipeline([source, ...transforms, out], signal ? { signal } : {});
  } catch (err) {
    source.destroy();
    await rm(temp, { force: true });
    throw err;
  }
  return {
    target,
    async commit() {
      await rename(temp, target);
      await syncDirectory(dir);
    },
    discard: () => rm(temp, { force: true }),
  };
}

/** writeTemp then commit: `target` is only ever the previous complete file or the new one. */
export async function writeAtomic(
  target: string,
  source: Readable,
  transforms: Transform[],
  signal?: AbortSignal,
): Promise<void> {
  const pending = await writeTemp(target, source, transforms, signal);
  await commitAll([pending]);
}

/**
 * Commits files written together (the reports of one run) only after all of them are
 * complete, so a failure leaves every previous file in place rather than a mix of old and new.
 */
export async function commitAll(pending: readonly PendingFile[]): Promise<void> {
  let committed = 0;
  try {
    for (const file of pending) {
      await file.commit();
      committed++;
    }
  } finally {
    await Promise.all(pending.slice(committed).map((file) => file.discard()));
  }
}

/** Makes a rename durable; some platforms cannot open a folder for fsync. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR on file systems without directory fsync: the rename is still atomic.
  } finally {
    await handle.close();
  }
}
