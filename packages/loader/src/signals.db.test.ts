import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@rollcall/shared';
import { useTestDatabase, LOADER_MAIN, runJob, startJob, waitFor } from '@rollcall/testkit';
import { loadInto, PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';
import {
  leftoverTables,
  loadLockIsFree,
  longDataset,
  peopleBeingWritten,
  writingPeople,
} from './testing/interrupted-load.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

// Containers get SIGTERM on `docker compose down`, a terminal sends SIGINT on Ctrl-C: the
// loader stops reading, rolls back, releases the lock and exits 128 + the signal number.
describe('a signal during a load', () => {
  const t = useTestDatabase('signals');
  let big: Awaited<ReturnType<typeof longDataset>>;
  let before: Awaited<ReturnType<typeof snapshotTables>>;
  beforeAll(async () => {
    big = await longDataset();
    await loadInto(t, tempDataset(PLACES_CSV, PEOPLE_CSV));
    before = await snapshotTables(t.db);
  });
  afterAll(async () => {
    await big?.remove();
  });

  const env = () => ({ ...t.env, DATA_DIR: big.dir, REPORTS_DIR: big.reports });

  /**
   * `lockFreed`: 'at once' when the loader released the lock itself; 'by the server' when the
   * process died, and the server frees the lock once it notices the connection is gone.
   */
  async function expectPreviousDataAndAFreeLoader(lockFreed: 'at once' | 'by the server' = 'at once') {
    expect(await snapshotTables(t.db)).toEqual(before);
    if (lockFreed === 'by the server') await waitFor(() => loadLockIsFree(t.db), 10_000);
    expect(await loadLockIsFree(t.db)).toBe(true);
    // An immediate re-run takes the lock and loads (the previous dataset again).
    const small = tempDataset(PLACES_CSV, PEOPLE_CSV);
    const rerun = await runJob(LOADER_MAIN, { ...t.env, DATA_DIR: small.dir, REPORTS_DIR: small.reports });
    expect(rerun.code).toBe(EXIT_CODES.OK);
    expect(await snapshotTables(t.db)).toEqual(before);
    expect(await leftoverTables(t.db)).toEqual([]);
  }

  it.each([
    ['SIGTERM', EXIT_CODES.SIGTERM],
    ['SIGINT', EXIT_CODES.SIGINT],
  ] as const)(
    'on %s while people are written, it rolls back, keeps the previous data and exits %i',
    async (signal, exitCode) => {
      const job = startJob(LOADER_MAIN, env());
      await job.waitForLine(writingPeople);
      await peopleBeingWritten(t.db);
      const sentAt = Date.now();
      job.kill(signal);
      const result = await job.done;
      const stoppedInMs = Date.now() - sentAt;

      expect(result.code).toBe(exitCode);
      expect(stoppedInMs).toBeLessThan(10_000);
      expect(result.lines.some((line) => line.msg === 'load complete')).toBe(false);
      expect(result.lines.find((line) => line.level === 40)).toMatchObject({
        signal,
        msg: 'signal received: stopping and rolling back',
      });
      expect(result.lines.at(-1)).toMatchObject({
        level: 50,
        code: 'INTERRUPTED',
        exitCode,
        msg: `Interrupted by ${signal}`,
      });
      // Nothing half-swapped, no staging tables left, the run recorded as failed with why.
      expect(await snapshotTables(t.db)).toEqual(before);
      expect(await leftoverTables(t.db)).toEqual([]);
      const run = await t.db('load_runs').orderBy('id', 'desc').first();
      expect(run).toMatchObject({ status: 'failed', message: `Interrupted by ${signal}` });
      expect(run.people_loaded).toBe(0);
      await expectPreviousDataAndAFreeLoader();
    },
  );

  it('exits at once on a second signal, and the next run finds the previous data and cleans up after it', async () => {
    const job = startJob(LOADER_MAIN, env());
    await job.waitForLine(writingPeople);
    await peopleBeingWritten(t.db);
    job.kill('SIGTERM');
    // Two signals sent at once can arrive as one: the second follows the first one's log line.
    await job.waitForLine((line) => line.msg === 'signal received: stopping and rolling back');
    job.kill('SIGTERM');
    const result = await job.done;
    expect(result.code).toBe(EXIT_CODES.SIGTERM);
    expect(result.lines.some((line) => line.msg === 'second signal: exiting now')).toBe(true);
    // The server rolled back the dead connection's transaction and freed its lock.
    expect(await snapshotTables(t.db)).toEqual(before);
    const run = await t.db('load_runs').orderBy('id', 'desc').first();
    expect(run.status).toBe('running');
    await expectPreviousDataAndAFreeLoader('by the server');
    expect(await t.db('load_runs').where({ id: run.id }).first()).toMatchObject({ status: 'abandoned' });
  });

  it('stops waiting for a database that is not there yet, exiting 143 at once', async () => {
    const job = startJob(LOADER_MAIN, { ...env(), MYSQL_PORT: '1', DB_WAIT_TIMEOUT_S: '60' });
    await job.waitForLine((line) => line.msg === 'database not ready, retrying');
    const sentAt = Date.now();
    job.kill('SIGTERM');
    const result = await job.done;
    expect(result.code).toBe(EXIT_CODES.SIGTERM);
    expect(Date.now() - sentAt).toBeLessThan(3_000);
  });
});
