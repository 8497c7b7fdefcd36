import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, isRollcallError, type Knex } from '@rollcall/shared';
import { captureLog, startThrowawayServer, throwawayServerAvailable, type ThrowawayServer } from '@rollcall/testkit';
import { readLoaderConfig } from './config.ts';
import { runLoad } from './load.ts';
import { dataset, hex, PEOPLE_CSV, PLACES_CSV } from './testing/datasets.ts';

// MySQL 8 ships local_infile=OFF: a server of the test's own started the same way.
describe.skipIf(!throwawayServerAvailable() && !process.env.CI)('a server that refuses LOAD DATA LOCAL INFILE', () => {
  let server: ThrowawayServer;
  let db: Knex;
  beforeAll(async () => {
    server = await startThrowawayServer({ serverArgs: ['--local-infile=0'] });
    db = createDb(server.config, { poolMax: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await server?.dispose();
  });

  const load = (loadMethod: string) => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    const captured = captureLog('info', 'loader');
    const config = readLoaderConfig({
      ...server.env,
      DATA_DIR: data.dir,
      REPORTS_DIR: data.reports,
      LOAD_METHOD: loadMethod,
    });
    return { captured, done: runLoad(config, { log: captured.log }) };
  };

  it('falls back to batched INSERT by itself with LOAD_METHOD=auto, saying so in the log', async () => {
    const { captured, done } = load('auto');
    const summary = await done;
    expect(summary.method).toBe('insert');
    expect(summary.people).toMatchObject({ read: 6, loaded: 6 });
    const fallback = captured.lines.find((line) => line.level === 40);
    expect(fallback?.msg).toMatch(/server refuses LOAD DATA LOCAL INFILE: falling back to batched INSERT/);
    const [[row]] = await db.raw('SELECT HEX(given_name) AS g FROM people WHERE id = 4');
    expect(row.g).toBe(hex('𠮷野'));
    expect(await db('load_runs').orderBy('id', 'desc').first()).toMatchObject({
      status: 'succeeded',
      method: 'insert',
    });
  });

  it('refuses LOAD_METHOD=infile with a configuration error naming the setting, before any row', async () => {
    const err = await load('infile').done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRollcallError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/LOAD_METHOD=infile, but the server refuses LOAD DATA LOCAL INFILE/);
    expect(await db('load_runs').orderBy('id', 'desc').first()).toMatchObject({ status: 'failed', people_read: 0 });
  });
});
