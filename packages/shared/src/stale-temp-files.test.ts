import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deadPid } from '@rollcall/testkit';
import { removeStaleTempFiles } from './stale-temp-files.ts';

const TEMP = /^x\.(\d+)\.tmp$/;

describe('removeStaleTempFiles', () => {
  it('removes the files of dead processes and of an earlier process with our pid, keeping live ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-stale-'));
    const dead = deadPid();
    const files = {
      dead: `x.${dead}.tmp`,
      parent: `x.${process.ppid}.tmp`,
      ownOld: `x.${process.pid}.tmp`,
      unrelated: `notes.${dead}.txt`,
    };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), '');
    // Written before this process started: a container's earlier run with the same pid.
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, files.ownOld), past, past);

    const removed = await removeStaleTempFiles(dir, [TEMP]);
    expect(removed.sort()).toEqual([files.dead, files.ownOld].sort());
    expect(readdirSync(dir).sort()).toEqual([files.parent, files.unrelated].sort());
  });

  it('keeps a file this process itself is writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-stale-'));
    writeFileSync(join(dir, `x.${process.pid}.tmp`), '');
    expect(await removeStaleTempFiles(dir, [TEMP])).toEqual([]);
  });

  it('does nothing in a folder that does not exist', async () => {
    expect(await removeStaleTempFiles(join(tmpdir(), 'rollcall-no-such-folder'), [TEMP])).toEqual([]);
  });
});
