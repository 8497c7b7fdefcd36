import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Knex } from '@rollcall/shared';
import { startTcpProxy, type TcpProxy, useTestDatabase } from '@rollcall/testkit';
import { INFILE_CHUNK_BYTES, InfileWriter } from './infile-writer.ts';
import { StagingSession } from './staging-session.ts';

const ROWS_PER_CHUNK = 25_000;

/** Settles to 'pending' if `promise` has not settled within `ms`. */
async function stateAfter(promise: Promise<unknown>, ms: number): Promise<'settled' | 'pending'> {
  return Promise.race([promise.then(() => 'settled' as const), sleep(ms).then(() => 'pending' as const)]);
}

describe('InfileWriter', () => {
  const t = useTestDatabase('infile_writer');
  let proxy: TcpProxy;
  let db: Knex;
  beforeAll(async () => {
    await t.db.raw('CREATE TABLE rows_in (id INT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)');
    proxy = await startTcpProxy({ targetHost: t.config.host, targetPort: t.config.port });
    await proxy.listening;
    db = createDb({ ...t.config, host: proxy.host, port: proxy.port, sslMode: 'disabled' }, { poolMax: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await proxy?.close();
  });

  // Memory stays flat only if the loader stops reading the file while the server is not
  // taking rows: flush() must wait, instead of queueing chunk after chunk in memory.
  it('waits in flush() while the server does not take the data, then loads every row', async () => {
    const session = await StagingSession.open(db, Number.MAX_SAFE_INTEGER);
    const trx = session.trx;
    try {
      await trx.raw('SELECT 1');
      const writer = new InfileWriter({ session, table: 'rows_in', columns: ['id', 'name'] });
      proxy.stall();
      let id = 0;
      let waiting: Promise<void> | undefined;
      // The sockets' buffers take a few megabytes before the stream has to stop.
      for (let chunk = 0; chunk < 40 && waiting === undefined; chunk++) {
        for (let i = 0; i < ROWS_PER_CHUNK; i++) writer.add([++id, `name ${id} ${'x'.repeat(80)}`]);
        expect(writer.full).toBe(true);
        const flushed = writer.flush();
        if ((await stateAfter(flushed, 300)) === 'pending') waiting = flushed;
      }
      expect(waiting, `flush() never waited over ${(40 * INFILE_CHUNK_BYTES) >> 20} MB`).toBeDefined();
      expect(await stateAfter(waiting!, 1_000)).toBe('pending');

      proxy.resume();
      await waiting;
      expect(await writer.close()).toBe(id);
      const [[{ n }]] = await trx.raw('SELECT COUNT(*) AS n FROM rows_in');
      expect(n).toBe(id);
    } finally {
      proxy.resume();
      await session.rollback();
    }
  });

  it('ends an unfinished statement on abort(), leaving the connection free for the rollback', async () => {
    const session = await StagingSession.open(db, Number.MAX_SAFE_INTEGER);
    const writer = new InfileWriter({ session, table: 'rows_in', columns: ['id', 'name'] });
    for (let i = 1; i <= ROWS_PER_CHUNK * 2; i++) writer.add([i, `name ${i} ${'x'.repeat(80)}`]);
    await writer.flush();
    await writer.abort();
    await session.rollback();
    const [[{ n }]] = await t.db.raw('SELECT COUNT(*) AS n FROM rows_in');
    expect(n).toBe(0);
  });

  it('ends its statement and commits each time the staging chunk is full, and stores every row exactly once', async () => {
    const session = await StagingSession.open(db, ROWS_PER_CHUNK);
    const writer = new InfileWriter({ session, table: 'rows_in', columns: ['id', 'name'] });
    const count = async () => (await t.db.raw('SELECT COUNT(*) AS n FROM rows_in'))[0][0].n;
    try {
      let id = 0;
      for (let chunk = 1; chunk <= 3; chunk++) {
        for (let i = 0; i < ROWS_PER_CHUNK; i++) writer.add([++id, `name ${id} ${'x'.repeat(80)}`]);
        await writer.flush();
        // Another connection sees each chunk once committed: no transaction spans the load.
        expect(await count()).toBe(chunk * ROWS_PER_CHUNK);
      }
      writer.add([++id, 'the last row']);
      expect(await writer.close()).toBe(id);
      await session.end();
      expect(await count()).toBe(id);
      expect(session.commits).toBe(4);
    } finally {
      await session.rollback();
      await t.db.raw('DELETE FROM rows_in');
    }
  });
});
