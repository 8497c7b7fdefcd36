import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES, REQUIRED_PRIVILEGES } from '@rollcall/shared';
import { useTestDatabase, LOADER_MAIN, runJob } from '@rollcall/testkit';
import { dataset, loadFailsWith, loadInto, PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';
import { logWithHook } from './testing/log-hook.ts';
import { sqlNow } from './testing/sql-now.ts';

describe('the loader under an account that lacks a privilege it needs', () => {
  const t = useTestDatabase('privileges');
  const suffix = randomBytes(3).toString('hex');
  const users: string[] = [];
  const roles: string[] = [];
  const password = randomBytes(12).toString('hex');
  beforeAll(async () => {
    await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV));
  });
  afterAll(async () => {
    for (const user of users) await t.db.raw("DROP USER IF EXISTS ??@'%'", [user]);
    for (const role of roles) await t.db.raw('DROP ROLE IF EXISTS ??', [role]);
  });

  /** A fresh account granted `privileges` on the test database, as the MYSQL_* settings that select it. */
  async function account(
    label: string,
    privileges: readonly string[],
  ): Promise<{ MYSQL_USER: string; MYSQL_PASSWORD: string }> {
    const user = `rc_${label}_${suffix}`;
    users.push(user);
    await t.db.raw("CREATE USER ??@'%' IDENTIFIED BY ?", [user, password]);
    if (privileges.length > 0)
      await t.db.raw(`GRANT ${privileges.join(', ')} ON ??.* TO ??@'%'`, [t.config.database, user]);
    return { MYSQL_USER: user, MYSQL_PASSWORD: password };
  }

  const without = (privilege: string) => REQUIRED_PRIVILEGES.loader.filter((p) => p !== privilege);
  const runCount = async () => Number((await t.db('load_runs').count({ n: '*' }))[0]!.n);

  it.each(['SELECT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'REFERENCES'])(
    'refuses at start without %s: DB_ACCESS_DENIED naming it and the GRANT, no run recorded, the data unchanged',
    async (privilege) => {
      const env = await account(`no_${privilege.toLowerCase()}`, without(privilege));
      const before = { data: await snapshotTables(t.db), runs: await runCount() };
      const err = await loadFailsWith(t, dataset(PLACES_CSV, PEOPLE_CSV), 'DB_ACCESS_DENIED', env);
      expect(err.message).toContain(`lacks ${privilege} on database '${t.config.database}'`);
      expect(err.message).toContain(
        `GRANT ${privilege} ON \`${t.config.database.replace(/_/g, '\\_')}\`.* TO '${env.MYSQL_USER}'@'%';`,
      );
      expect(err.context).toMatchObject({ missing: [privilege] });
      expect({ data: await snapshotTables(t.db), runs: await runCount() }).toEqual(before);
    },
  );

  it('exits 3 as a process, naming every privilege missing at once', async () => {
    const env = await account('select_only', ['SELECT']);
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    const result = await runJob(LOADER_MAIN, { ...t.env, ...env, DATA_DIR: data.dir, REPORTS_DIR: data.reports });
    expect(result.code).toBe(EXIT_CODES.DB_ACCESS_DENIED);
    expect(result.lines.at(-1)).toMatchObject({
      code: 'DB_ACCESS_DENIED',
      missing: REQUIRED_PRIVILEGES.loader.filter((p) => p !== 'SELECT'),
    });
    expect(result.lines.at(-1)!.msg).toMatch(
      /GRANT INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES ON /,
    );
  });

  it('loads with exactly the privileges of REQUIRED_PRIVILEGES.loader', async () => {
    const env = await account('exact', REQUIRED_PRIVILEGES.loader);
    const summary = await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV), env);
    expect(summary.people.loaded).toBe(6);
  });

  it('loads with the privileges granted globally, or on a database pattern', async () => {
    const global = await account('global', []);
    await t.db.raw(`GRANT ${REQUIRED_PRIVILEGES.loader.join(', ')} ON *.* TO ??@'%'`, [global.MYSQL_USER]);
    expect((await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV), global)).people.loaded).toBe(6);
    const pattern = await account('pattern', []);
    await t.db.raw(
      `GRANT ${REQUIRED_PRIVILEGES.loader.join(', ')} ON \`${t.config.database.slice(0, -4)}%\`.* TO ??@'%'`,
      [pattern.MYSQL_USER],
    );
    expect((await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV), pattern)).people.loaded).toBe(6);
  });

  it('loads with the privileges granted through a default role, and one granted to that role', async () => {
    const env = await account('role', []);
    const [outer, inner] = [`rc_role_${suffix}`, `rc_inner_${suffix}`];
    roles.push(outer, inner);
    await t.db.raw('CREATE ROLE ??', [outer]);
    await t.db.raw('CREATE ROLE ??', [inner]);
    await t.db.raw(`GRANT ${REQUIRED_PRIVILEGES.loader.slice(0, 4).join(', ')} ON ??.* TO ??`, [
      t.config.database,
      inner,
    ]);
    await t.db.raw(`GRANT ${REQUIRED_PRIVILEGES.loader.slice(4).join(', ')} ON ??.* TO ??`, [t.config.database, outer]);
    await t.db.raw('GRANT ?? TO ??', [inner, outer]);
    await t.db.raw("GRANT ?? TO ??@'%'", [outer, env.MYSQL_USER]);
    await t.db.raw("SET DEFAULT ROLE ?? FOR ??@'%'", [outer, env.MYSQL_USER]);
    expect((await loadInto(t, dataset(PLACES_CSV, PEOPLE_CSV), env)).people.loaded).toBe(6);
  });

  it('reports a privilege found missing only at the point of use as DB_ACCESS_DENIED, not as a bug', async () => {
    const env = await account('at_use', REQUIRED_PRIVILEGES.loader);
    const before = await snapshotTables(t.db);
    // A trigger runs with its definer's privileges, which the start-up check cannot see:
    // here the loader's own account, lacking TRIGGER, so the server refuses the insert.
    const hook = logWithHook('load started', () =>
      sqlNow(
        t,
        `CREATE DEFINER = '${env.MYSQL_USER}'@'%' TRIGGER people_next_noted AFTER INSERT ON people_next FOR EACH ROW SET @noted = 1`,
      ),
    );
    const err = await loadFailsWith(t, dataset(PLACES_CSV, PEOPLE_CSV), 'DB_ACCESS_DENIED', env, hook.log);
    expect(hook.fired()).toBe(true);
    expect(err.message).toMatch(
      /^The database refused a statement of the loader: .*TRIGGER.* \(ER_TABLEACCESS_DENIED_ERROR\)/,
    );
    expect(await snapshotTables(t.db)).toEqual(before);
    expect(await t.db('load_runs').orderBy('id', 'desc').first()).toMatchObject({
      status: 'failed',
      message: err.message,
    });
  });
});
