import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Streams `source` through `transforms` into `target` so that `target` is only ever the
 * previous complete file or the new complete one: the bytes go to a hidden temporary file
 * in the same folder (a rename is atomic only within one file system), which is fsynced and
 * then renamed over `target`. On any failure the temporary file is removed and `target` is
 * left as it was. pipeline() carries backpressure from the file back to the source.
 */
export async function writeAtomic(
  target: string,
  source: Readable,
  transforms: Transform[],
  signal?: AbortSignal,
): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // 'wx': never follow or reuse an existing name. flush: fsync before close (Node >= 21),
    // and pipeline() resolves only once the file is closed, so the data is on disk first.
    const out = createWriteStream(temp, { flags: 'wx', flush: true, highWaterMark: 256 * 1024 });
    await pipeline([source, ...transforms, out], signal ? { signal } : {});
    await rename(temp, target);
  } catch (err) {
    source.destroy();
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable; some platforms cannot open a folder for fsync. */
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
