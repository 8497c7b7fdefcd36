import { describe, expect, it } from 'vitest';
import { isRollcallError, RollcallError } from '@rollcall/shared';
import { captureLog } from '@rollcall/testkit';
import { retryOnClusterConflict } from './cluster-retry.ts';

const certificationConflict = () =>
  Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), {
    code: 'ER_LOCK_DEADLOCK',
    errno: 1213,
  });

describe('retryOnClusterConflict', () => {
  it('starts the work again after a certification conflict, with one log line per retry', async () => {
    const captured = captureLog('warn', 'loader');
    let calls = 0;
    const result = await retryOnClusterConflict(
      async () => {
        calls++;
        if (calls < 3) throw certificationConflict();
        return 'loaded';
      },
      { log: captured.log, what: 'load', delaysMs: [1, 1, 1] },
    );
    expect(result).toBe('loaded');
    expect(calls).toBe(3);
    expect(captured.lines.map((line) => [line.msg, line.attempt, line.errno])).toEqual([
      ['the database rolled the load back (cluster, transient): starting it again', 1, 1213],
      ['the database rolled the load back (cluster, transient): starting it again', 2, 1213],
    ]);
  });

  it('gives up after its bounded attempts with DB_TRANSIENT (exit 3), carrying the last error as its cause', async () => {
    let calls = 0;
    const err = await retryOnClusterConflict(
      async () => {
        calls++;
        throw certificationConflict();
      },
      { log: captureLog('warn', 'loader').log, what: 'load', delaysMs: [1, 1] },
    ).catch((caught: unknown) => caught);
    expect(calls).toBe(3);
    expect(isRollcallError(err, 'DB_TRANSIENT')).toBe(true);
    expect((err as Error).message).toMatch(
      /rolled the load back 3 times .*ER_LOCK_DEADLOCK.*the previous data is unchanged/,
    );
    expect((err as Error).cause).toMatchObject({ errno: 1213 });
  });

  it('does not retry what is not a cluster conflict', async () => {
    let calls = 0;
    const syntax = Object.assign(new Error('You have an error in your SQL syntax'), {
      code: 'ER_PARSE_ERROR',
      errno: 1064,
    });
    const err = await retryOnClusterConflict(
      async () => {
        calls++;
        throw syntax;
      },
      { log: captureLog('warn', 'loader').log, what: 'load', delaysMs: [1, 1] },
    ).catch((caught: unknown) => caught);
    expect(err).toBe(syntax);
    expect(calls).toBe(1);
  });

  it('starts the load again when a Galera node lost rows of a committed chunk, and not for any other mismatch', async () => {
    const mismatch = (cluster: boolean) =>
      new RollcallError('LOAD_MISMATCH', 'places.csv: the server holds 0 rows', {
        table: 'places_next',
        ...(cluster ? { cluster } : {}),
      });
    let calls = 0;
    const result = await retryOnClusterConflict(
      async () => {
        calls++;
        if (calls === 1) throw mismatch(true);
        return 'loaded';
      },
      { log: captureLog('warn', 'loader').log, what: 'load', delaysMs: [1, 1] },
    );
    expect([result, calls]).toEqual(['loaded', 2]);

    const single = mismatch(false);
    let singleCalls = 0;
    const err = await retryOnClusterConflict(
      async () => {
        singleCalls++;
        throw single;
      },
      { log: captureLog('warn', 'loader').log, what: 'load', delaysMs: [1, 1] },
    ).catch((caught: unknown) => caught);
    expect([err, singleCalls]).toEqual([single, 1]);
  });
});
