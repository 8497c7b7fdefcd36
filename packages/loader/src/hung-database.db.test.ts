import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, EXIT_CODES, STOP_GRACE_MS, type Knex } from '@rollcall/shared';
import {
  captureLog,
  startThrowawayServer,
  throwawayServerAvailable,
  type ThrowawayServer,
  LOADER_MAIN,
  startJob,
} from '@rollcall/testkit';
import { readLoaderConfig } from './config.ts';
import { runLoad } from './load.ts';
import { PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';
import { leftoverTables, longDataset, peopleBeingWritten, writingPeople } from './testing/interrupted-load.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

// A database that hangs (alive, not answering) holds a statement open: the loader only sees
// its signal between batches. It must still stop within the grace period after SIGTERM,
// before Docker's 10 s stop timeout would kill it, and lose nothing.
describe.skipIf(!throwawayServerAvailable() && !process.env.CI)('a database that hangs during a load', () => {
  let server: ThrowawayServer;
  let db: Knex;
  let big: Awaited<ReturnType<typeof longDataset>>;
  let before: Awaited<ReturnType<typeof snapshotTables>>;
  beforeAll(async () => {
    [server, big] = await Promise.all([startThrowawayServer(), longDataset(24 << 20)]);
    db = createDb(server.config, { poolMax: 2 });
    const small = tempDataset(PLACES_CSV, PEOPLE_CSV);
    await runLoad(readLoaderConfig({ ...server.env, DATA_DIR: small.dir, REPORTS_DIR: small.reports }), {
      log: captureLog('warn', 'loader').log,
    });
    before = await snapshotTables(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await server?.dispose();
    await big?.remove();
  });

  it('exits 143 within the stop grace period after SIGTERM, and the previous data stays', async () => {
    const job = startJob(LOADER_MAIN, { ...server.env, DATA_DIR: big.dir, REPORTS_DIR: big.reports });
    await job.waitForLine(writingPeople);
    await peopleBeingWritten(db);
    await server.pause();
    const sentAt = Date.now();
    job.kill('SIGTERM');
    const result = await job.done;
    const stoppedInMs = Date.now() - sentAt;
    await server.resume();

    expect(result.code).toBe(EXIT_CODES.SIGTERM);
    expect(stoppedInMs).toBeGreaterThanOrEqual(STOP_GRACE_MS - 500);
    expect(stoppedInMs).toBeLessThan(10_000);
    expect(result.lines.at(-1)).toMatchObject({
      level: 50,
      signal: 'SIGTERM',
      msg: expect.stringMatching(/did not stop within the grace period/),
    });
    expect(await snapshotTables(db)).toEqual(before);
    // The dead run's staging tables and 'running' row are for the next loader to clear.
    const next = tempDataset(PLACES_CSV, PEOPLE_CSV);
    await runLoad(readLoaderConfig({ ...server.env, DATA_DIR: next.dir, REPORTS_DIR: next.reports }), {
      log: captureLog('warn', 'loader').log,
    });
    expect(await leftoverTables(db)).toEqual([]);
    expect(await snapshotTables(db)).toEqual(before);
  });
});
