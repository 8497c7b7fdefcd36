import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, isRollcallError } from '@rollcall/shared';
import { useTestDatabase } from '@rollcall/testkit';
import { withReadSnapshot } from './snapshot.ts';
import { loadFixture } from './testing/fixture.ts';

describe('the read snapshot', () => {
  const t = useTestDatabase('reader_snapshot');
  beforeAll(async () => {
    await loadFixture(
      t.db,
      [{ city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' }],
      [{ given_name: 'A', family_name: 'B', date_of_birth: '1900-01-01', city: 'Kelso' }],
    );
  });

  it('sees one state for all its reads while another connection commits', async () => {
    const db = createDb(t.config, { poolMax: 2 });
    try {
      const counts = await withReadSnapshot(db, async (snapshot) => {
        const [first] = await snapshot.rows<{ n: number }>('SELECT COUNT(*) AS n FROM people');
        await t.db('people').insert({ given_name: 'C', family_name: 'D', date_of_birth: '1901-01-01', place_id: 1 });
        const [second] = await snapshot.rows<{ n: number }>('SELECT COUNT(*) AS n FROM people');
        return [first!.n, second!.n];
      });
      expect(counts).toEqual([1, 1]);
      expect((await t.db('people').count('* as n'))[0]).toEqual({ n: 2 });
    } finally {
      await db.destroy();
    }
  });

  it('refuses writes: the transaction is read-only', async () => {
    const db = createDb(t.config, { poolMax: 2 });
    try {
      const attempt = withReadSnapshot(db, (snapshot) => snapshot.rows("UPDATE places SET county = 'X'"));
      await expect(attempt).rejects.toMatchObject({ code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' });
      expect(await t.db('places').select('county')).toEqual([{ county: 'Roxburghshire' }]);
    } finally {
      await db.destroy();
    }
  });

  it('gives up its connection when a stream is abandoned midway, so the pool can close', async () => {
    const db = createDb(t.config, { poolMax: 1 });
    const attempt = withReadSnapshot(db, async (snapshot) => {
      const stream = snapshot.stream('SELECT a.id FROM people a, people b, people c, information_schema.columns');
      for await (const _row of stream) throw new Error('consumer failed');
    });
    await expect(attempt).rejects.toThrow('consumer failed');
    await expect(
      Promise.race([db.destroy().then(() => 'closed'), new Promise((r) => setTimeout(r, 5_000, 'hung'))]),
    ).resolves.toBe('closed');
  });

  it('turns a lost connection into DB_LOST', async () => {
    const db = createDb(t.config, { poolMax: 2 });
    try {
      const attempt = withReadSnapshot(db, async (snapshot) => {
        const [{ id }] = (await snapshot.rows<{ id: number }>('SELECT CONNECTION_ID() AS id')) as [{ id: number }];
        await t.db.raw('KILL ?', [id]);
        await snapshot.rows('SELECT 1');
      });
      const err = await attempt.catch((e: unknown) => e);
      expect(isRollcallError(err, 'DB_LOST')).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});
