import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { dataset, hex, loadFailsWith, loadInto, PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';
import { logWithHook } from './testing/log-hook.ts';

/** Overwrites bytes of a file where they are, as an editor saving in place would: same size, same inode. */
function overwriteInPlace(path: string, find: string, replacement: Buffer): void {
  const at = readFileSync(path).indexOf(find);
  if (at < 0 || replacement.length !== Buffer.byteLength(find)) throw new Error(`cannot replace ${find} in ${path}`);
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, replacement, 0, replacement.length, at);
  } finally {
    closeSync(fd);
  }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('people.csv edited in place while a load runs (after it was opened, before it is parsed)', () => {
  const t = useTestDatabase('file_changed');

  it('records the sha256 of the bytes that were loaded, edit included', async () => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    const people = join(data.dir, 'people.csv');
    const before = sha256(people);
    const hook = logWithHook('places loaded into staging', () => overwriteInPlace(people, 'John', Buffer.from('Jean')));
    const summary = await loadInto(t, data, {}, hook.log);
    expect(hook.fired()).toBe(true);
    const run = await t.db('load_runs').where({ id: summary.runId }).first();
    expect(run.people_sha256).not.toBe(before);
    expect(run.people_sha256).toBe(sha256(people));
    expect((await snapshotTables(t.db)).people[0]).toMatchObject({ g: hex('Jean') });
  });

  it('fails as a file that changed, keeping the previous data, when the edit leaves invalid UTF-8', async () => {
    await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV));
    const previous = await snapshotTables(t.db);
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    const people = join(data.dir, 'people.csv');
    const hook = logWithHook('places loaded into staging', () =>
      overwriteInPlace(people, 'ë', Buffer.from([0xff, 0xfe])),
    );
    const err = await loadFailsWith(t, data, 'BAD_CSV', {}, hook.log);
    expect(err.message).toMatch(/people\.csv: the file changed while it was being loaded/);
    expect(await snapshotTables(t.db)).toEqual(previous);
    expect(await t.db('load_runs').orderBy('id', 'desc').first()).toMatchObject({ status: 'failed' });
  });
});
