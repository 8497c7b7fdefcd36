import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, EXIT_CODES, type Knex } from '@rollcall/shared';
import {
  captureLog,
  startTcpProxy,
  startThrowawayServer,
  throwawayServerAvailable,
  type TcpProxy,
  type ThrowawayServer,
  LOADER_MAIN,
  runJob,
  startJob,
  waitFor,
} from '@rollcall/testkit';
import { readLoaderConfig } from './config.ts';
import { runLoad } from './load.ts';
import { PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';
import {
  leftoverTables,
  loadLockIsFree,
  longDataset,
  peopleBeingWritten,
  writingPeople,
} from './testing/interrupted-load.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

// A server of the test's own (testkit's throwaway MariaDB), so it can be killed mid-load
// without disturbing other test files. In CI the binaries are there: missing fails.
describe.skipIf(!throwawayServerAvailable() && !process.env.CI)('the database lost during a load', () => {
  let server: ThrowawayServer;
  let proxy: TcpProxy;
  let db: Knex;
  let big: Awaited<ReturnType<typeof longDataset>>;
  let before: Awaited<ReturnType<typeof snapshotTables>>;
  beforeAll(async () => {
    [server, big] = await Promise.all([startThrowawayServer(), longDataset(24 << 20)]);
    proxy = await startTcpProxy({ targetHost: server.host, targetPort: server.port });
    db = createDb(server.config, { poolMax: 2 });
    await loadSmall();
    before = await snapshotTables(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await proxy?.close();
    await server?.dispose();
    await big?.remove();
  });

  // A test that failed half-way must not leave the next one without a server.
  beforeEach(async () => {
    if (!server.running) {
      await server.restart();
      await db.destroy();
      db = createDb(server.config, { poolMax: 2 });
    }
  });

  /** The previous dataset of each test, loaded in-process (faster than a process). */
  const loadSmall = () => {
    const small = tempDataset(PLACES_CSV, PEOPLE_CSV);
    const config = readLoaderConfig({ ...server.env, DATA_DIR: small.dir, REPORTS_DIR: small.reports });
    return runLoad(config, { log: captureLog('warn', 'loader').log });
  };

  // Small staging chunks: several are committed before the cut, and the guarantees must hold anyway.
  const bigLoad = (env: Record<string, string> = {}) => ({
    ...server.env,
    DATA_DIR: big.dir,
    REPORTS_DIR: big.reports,
    STAGING_COMMIT_ROWS: '10000',
    ...env,
  });

  /** The previous dataset is there, and a re-run of the big load succeeds and clears what the lost run left. */
  async function expectIntactAndRerunSucceeds(lostRunId: number, lostRunStatus: string) {
    expect(await snapshotTables(db)).toEqual(before);
    const rerun = await runJob(LOADER_MAIN, bigLoad());
    expect(rerun.code).toBe(EXIT_CODES.OK);
    expect(await db('people').count({ n: '*' })).toEqual([{ n: big.rows }]);
    expect(await leftoverTables(db)).toEqual([]);
    expect(await db('load_runs').where({ id: lostRunId }).first()).toMatchObject({ status: lostRunStatus });
    // Back to the small dataset for the next test.
    await loadSmall();
    expect(await snapshotTables(db)).toEqual(before);
  }

  it('exits 3 with DB_LOST naming the server when it is killed mid-write; after a restart the previous data is intact and a re-run loads', async () => {
    const job = startJob(LOADER_MAIN, bigLoad());
    await job.waitForLine(writingPeople);
    await peopleBeingWritten(db);
    await server.kill('SIGKILL');
    const killedAt = Date.now();
    const result = await job.done;

    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(result.code).toBe(EXIT_CODES.DB_LOST);
    expect(result.lines.at(-1)).toMatchObject({ level: 50, code: 'DB_LOST', host: server.host, port: server.port });
    expect(result.lines.at(-1)!.msg).toMatch(
      new RegExp(
        `^Lost the database ${server.host}:${server.port} during the load \\([\\w ]+\\); the previous data is unchanged, run the load again$`,
      ),
    );
    // The driver's own error is in the line too, for a person to search for.
    expect(result.lines.at(-1)!.cause).toMatchObject({ message: expect.any(String) });
    expect(result.lines.some((line) => line.msg === 'load complete')).toBe(false);

    await server.restart();
    await db.destroy();
    db = createDb(server.config, { poolMax: 2 });
    // The killed loader could not mark its run; the next one marks it abandoned.
    const lost = await db('load_runs').orderBy('id', 'desc').first();
    expect(lost.status).toBe('running');
    expect(await loadLockIsFree(db)).toBe(true);
    await expectIntactAndRerunSucceeds(lost.id, 'abandoned');
  });

  it.each([
    ['closed', false],
    ['reset', true],
  ])(
    'exits 3 with DB_LOST when its connections are %s mid-write, and still rolls back, drops staging and records the run',
    async (_how, reset) => {
      const job = startJob(LOADER_MAIN, bigLoad({ MYSQL_PORT: String(proxy.port) }));
      await job.waitForLine(writingPeople);
      await peopleBeingWritten(db);
      proxy.cutAll({ reset });
      const result = await job.done;

      expect(result.code).toBe(EXIT_CODES.DB_LOST);
      expect(result.lines.at(-1)).toMatchObject({ level: 50, code: 'DB_LOST', host: '127.0.0.1', port: proxy.port });
      // New connections get through the proxy, so the loader cleaned up after itself. The lock
      // was on a cut connection: the server frees it once it notices.
      expect(await leftoverTables(db)).toEqual([]);
      await waitFor(() => loadLockIsFree(db), 10_000);
      expect(await loadLockIsFree(db)).toBe(true);
      const run = await db('load_runs').orderBy('id', 'desc').first();
      expect(run).toMatchObject({ status: 'failed', people_loaded: 0 });
      expect(run.message).toBe(result.lines.at(-1)!.msg);
      expect(run.message).toMatch(/^Lost the database 127\.0\.0\.1:\d+ during the load/);
      await expectIntactAndRerunSucceeds(run.id, 'failed');
    },
  );

  it('exits 3 with DB_UNAVAILABLE naming host and port when the server is down at start and stays down', async () => {
    await server.stop();
    try {
      const small = tempDataset(PLACES_CSV, PEOPLE_CSV);
      const result = await runJob(LOADER_MAIN, {
        ...server.env,
        DATA_DIR: small.dir,
        REPORTS_DIR: small.reports,
        DB_WAIT_TIMEOUT_S: '1',
      });
      expect(result.code).toBe(EXIT_CODES.DB_UNAVAILABLE);
      expect(result.lines.at(-1)).toMatchObject({
        code: 'DB_UNAVAILABLE',
        msg: `Database ${server.host}:${server.port} not reachable after 1 s (last error: ECONNREFUSED)`,
      });
    } finally {
      await server.restart();
      await db.destroy();
      db = createDb(server.config, { poolMax: 2 });
    }
    expect(await snapshotTables(db)).toEqual(before);
  });
});
