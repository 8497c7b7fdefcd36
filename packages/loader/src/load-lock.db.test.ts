import { describe, expect, it } from 'vitest';
import { isRollcallError } from '@rollcall/shared';
import { captureLog, statementsOf, useTestDatabase } from '@rollcall/testkit';
import { acquireLoadLock, type LoadLock } from './load-lock.ts';

describe('the load lock', () => {
  const t = useTestDatabase('load_lock');
  const log = () => captureLog('debug', 'loader');

  it('refuses a second loader at once while the first holds it, and is free again once released', async () => {
    const first = await acquireLoadLock(t.db, t.config.database, log().log);
    const started = Date.now();
    const second = await acquireLoadLock(t.db, t.config.database, log().log).catch((err: unknown) => err);
    expect(isRollcallError(second, 'LOAD_LOCKED')).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    await first.release();
    const third = await acquireLoadLock(t.db, t.config.database, log().log);
    await third.assertHeld();
    await third.release();
    expect(await t.db('load_lock').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('creates its table with the first lock taken in a database, and does not try again after', async () => {
    await t.db.raw('DROP TABLE IF EXISTS load_lock');
    const creates = async () => {
      let lock: LoadLock | undefined;
      const sent = await statementsOf(t.db, async () => {
        lock = await acquireLoadLock(t.db, t.config.database, log().log);
      });
      await lock?.release();
      return sent.filter((sql) => /CREATE TABLE/i.test(sql)).length;
    };
    expect(await creates()).toBe(1);
    expect(await creates()).toBe(0);
    expect(await t.db('load_lock').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('respects a live lease taken through another server (a cluster node) until it expires, then takes it', async () => {
    await t.db('load_lock').insert({
      name: 'load',
      holder: 'other-host:4242:dead',
      server: 'node2.example:3306',
      acquired_at: t.db.raw('UTC_TIMESTAMP(3)'),
      expires_at: t.db.raw('UTC_TIMESTAMP(3) + INTERVAL 1 SECOND'),
    });
    const refused = await acquireLoadLock(t.db, t.config.database, log().log).catch((err: unknown) => err);
    expect(isRollcallError(refused, 'LOAD_LOCKED')).toBe(true);
    expect((refused as Error).message).toMatch(/held by other-host:4242:dead, lease until .* UTC/);

    // Past the lease, the dead loader's lock is free.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const lock = await acquireLoadLock(t.db, t.config.database, log().log);
    expect(await t.db('load_lock').first()).toMatchObject({ holder: expect.not.stringContaining('dead') });
    await lock.release();
  });

  it('takes over at once a live lease of a loader on this same server that died (it no longer holds GET_LOCK)', async () => {
    const [[{ server }]] = await t.db.raw("SELECT CONCAT(@@hostname, ':', @@port) AS server");
    await t.db('load_lock').insert({
      name: 'load',
      holder: 'this-host:4343:killed',
      server,
      acquired_at: t.db.raw('UTC_TIMESTAMP(3)'),
      expires_at: t.db.raw('UTC_TIMESTAMP(3) + INTERVAL 30 SECOND'),
    });
    const captured = log();
    const lock = await acquireLoadLock(t.db, t.config.database, captured.log);
    expect(
      captured.lines.some((line) => line.msg === 'took over the load lock of a loader on this server that died'),
    ).toBe(true);
    await lock.release();
  });

  it('renews its lease while held, and a loader whose lease was taken over fails before the swap', async () => {
    const lock = await acquireLoadLock(t.db, t.config.database, log().log, 3);
    const before = await t.db('load_lock').first();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const renewed = await t.db('load_lock').first();
    expect(renewed.expires_at > before.expires_at).toBe(true);

    await t.db('load_lock').update({ holder: 'someone-else' });
    const lost = await lock.assertHeld().catch((err: unknown) => err);
    expect(isRollcallError(lost, 'LOAD_LOCKED')).toBe(true);
    await lock.release();
    await t.db('load_lock').delete();
  });
});
