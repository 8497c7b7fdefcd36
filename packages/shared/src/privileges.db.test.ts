import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { createDb, type Knex } from './db.ts';
import { exitCodeFor, EXIT_CODES, isRollcallError } from './errors.ts';
import { asAccessDenied } from './privileges.ts';

describe('asAccessDenied, given what the server answers a statement the account may not run', () => {
  const t = useTestDatabase('denied');
  let limited: Knex;
  const user = `rc_denied_${randomBytes(3).toString('hex')}`;
  beforeAll(async () => {
    const password = randomBytes(12).toString('hex');
    await t.db.raw("CREATE USER ??@'%' IDENTIFIED BY ?", [user, password]);
    await t.db.raw("GRANT SELECT ON ??.* TO ??@'%'", [t.config.database, user]);
    limited = createDb({ ...t.config, user, password }, { poolMax: 1 });
  });
  afterAll(async () => {
    await limited?.destroy();
    await t.db.raw("DROP USER IF EXISTS ??@'%'", [user]);
  });

  it.each([
    ['1044, a database it may not use', 'CREATE DATABASE rollcall_never_made'],
    ['1142, a table it may not write', 'CREATE TABLE not_allowed (id INT)'],
    ['1227, a privilege it lacks globally', 'SET GLOBAL max_connections = 100'],
  ])('makes DB_ACCESS_DENIED (exit 3) of %s', async (_name, sql) => {
    const denied = await limited.raw(sql).then(
      () => undefined,
      (err: unknown) => err,
    );
    const err = asAccessDenied(denied, t.config, 'loader');
    expect(isRollcallError(err, 'DB_ACCESS_DENIED')).toBe(true);
    expect(exitCodeFor(err)).toBe(EXIT_CODES.DB_ACCESS_DENIED);
    expect((err as Error).message).toMatch(
      /^The database refused a statement of the loader: .*denied.*GRANT SELECT, INSERT/,
    );
  });

  it('leaves other errors alone', async () => {
    const other = await limited.raw('SELECT * FROM no_such_table').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(asAccessDenied(other, t.config, 'loader')).toBe(other);
  });
});
