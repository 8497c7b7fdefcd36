import type { Knex } from './db.ts';
import type { DatabaseConfig } from './env.ts';
import { classifyDbError } from './db-errors.ts';
import { RollcallError } from './errors.ts';

/**
 * What each job's account must be granted on its database: the one list that the start-up
 * check, docs/failure-behaviour.md and the stack's sql/init/initdb.d/accounts.sh follow (a
 * test holds the last two to it). GET_LOCK and LOAD DATA LOCAL INFILE need no privilege.
 */
export const REQUIRED_PRIVILEGES = {
  /**
   * The TypeScript loader: load_runs and the staging tables (SELECT, INSERT, UPDATE);
   * CREATE TABLE for the staging tables and load_lock (CREATE); DROP TABLE (DROP); RENAME TABLE
   * (ALTER and DROP on the old name, CREATE and INSERT on the new); the staging tables' foreign
   * keys (REFERENCES, which MySQL checks since 8.0.22 and MariaDB does not; ALTER and INDEX for
   * the pure-SQL loader's ADD FOREIGN KEY on the same account); DELETE for knex's migration
   * lock, which the loader frees (DELETE FROM knex_migrations_lock) before migrating, and for
   * migration 0002, which empties people_counts before filling it. people_counts needs nothing more.
   */
  loader: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX', 'REFERENCES'],
  /**
   * sql/loader.sql (run as the loader's account in the stack): the loader's (DELETE also for
   * its work tables), and CREATE ROUTINE and EXECUTE for the procedure that stops a run with SIGNAL.
   */
  sqlLoader: [
    'SELECT',
    'INSERT',
    'UPDATE',
    'DELETE',
    'CREATE',
    'DROP',
    'ALTER',
    'INDEX',
    'REFERENCES',
    'CREATE ROUTINE',
    'EXECUTE',
  ],
  reader: ['SELECT'],
} as const;

export type PrivilegedJob = keyof typeof REQUIRED_PRIVILEGES;
type CheckedJob = Exclude<PrivilegedJob, 'sqlLoader'>;

/** Who the server takes the session for: the account, its active roles, and the server's version. */
export interface SessionIdentity {
  user: string;
  roles: string | null;
  version: string;
}

export async function sessionIdentity(db: Knex): Promise<SessionIdentity> {
  const [[who]] = (await db.raw('SELECT CURRENT_USER() AS user, CURRENT_ROLE() AS roles, VERSION() AS version')) as [
    SessionIdentity[],
  ];
  return who!;
}

/**
 * Fails with DB_ACCESS_DENIED, before the job touches anything, if its account lacks a
 * privilege it needs on its database: naming the privileges and the GRANT that fixes it.
 * `identity` is the answer waitForDatabase already got; without it, the server is asked.
 */
export async function requirePrivileges(
  db: Knex,
  config: DatabaseConfig,
  job: CheckedJob,
  identity?: SessionIdentity,
): Promise<void> {
  const { account, lines } = await currentGrants(db, identity ?? (await sessionIdentity(db)));
  const held = privilegesOn(lines, config.database);
  const missing = REQUIRED_PRIVILEGES[job].filter((privilege) => !held.has(privilege));
  if (missing.length === 0) return;
  throw new RollcallError(
    'DB_ACCESS_DENIED',
    `The ${job} account ${account} lacks ${missing.join(', ')} on database '${config.database}' ` +
      `(the ${job} needs ${REQUIRED_PRIVILEGES[job].join(', ')}); nothing was changed. ` +
      `An administrator can fix it with: ${grantStatement(missing, config.database, account)}`,
    { host: config.host, port: config.port, database: config.database, account, missing },
  );
}

/**
 * The start-up check cannot foresee everything (a trigger run as another definer, a grant
 * revoked mid-run): an access-denied error at the point of use (1044, 1142, 1143, 1227,
 * 1370; see classifyDbError) is DB_ACCESS_DENIED too.
 */
export function asAccessDenied(err: unknown, config: DatabaseConfig, job: CheckedJob): unknown {
  const { code, sqlMessage } = (err ?? {}) as { code?: string; sqlMessage?: string };
  if (classifyDbError(err) !== 'access-denied') return err;
  return new RollcallError(
    'DB_ACCESS_DENIED',
    `The database refused a statement of the ${job}: ${sqlMessage ?? code} (${code}). ` +
      `The ${job} needs ${REQUIRED_PRIVILEGES[job].join(', ')} on database '${config.database}' ` +
      `(${grantStatement(REQUIRED_PRIVILEGES[job], config.database, `'${config.user}'@'%'`)}); the previous data is unchanged.`,
    { host: config.host, port: config.port, database: config.database },
    { cause: err },
  );
}

/** The GRANT that adds `privileges` on `database` (its _ and % escaped: they are wildcards there). */
export function grantStatement(privileges: readonly string[], database: string, account: string): string {
  const name = database.replace(/[_%\\]/g, '\\$&').replace(/`/g, '``');
  return `GRANT ${privileges.join(', ')} ON \`${name}\`.* TO ${account};`;
}

/**
 * The account's grants, its active roles' included. MariaDB's SHOW GRANTS lists those of
 * the active role (and the roles granted to it); MySQL 8.4 lists a role's only when asked
 * `USING` it (MySQL manual, SHOW GRANTS), so the active roles are named there.
 */
async function currentGrants(db: Knex, who: SessionIdentity): Promise<{ account: string; lines: string[] }> {
  const at = who.user.lastIndexOf('@');
  const account = `'${who.user.slice(0, at)}'@'${who.user.slice(at + 1)}'`;
  const usingRoles = !/mariadb/i.test(who.version) && who.roles !== null && who.roles !== 'NONE';
  // CURRENT_ROLE() gives the roles quoted as identifiers (`r`@`%`,…), as USING takes them.
  const [rows] = (await db.raw(usingRoles ? `SHOW GRANTS FOR CURRENT_USER() USING ${who.roles}` : 'SHOW GRANTS')) as [
    Record<string, string>[],
  ];
  return { account, lines: rows.map((row) => Object.values(row)[0]!) };
}

/** Of what ALL PRIVILEGES grants, what any job needs. */
const ALL = [...REQUIRED_PRIVILEGES.sqlLoader];

/**
 * The privileges that SHOW GRANTS lines give on `database`: global ones (ON *.*) and those
 * on a database pattern that matches it. Table and column grants do not count: the loader
 * creates tables. MySQL's partial revokes (REVOKE … ON db.* lines) take away.
 */
export function privilegesOn(lines: readonly string[], database: string): Set<string> {
  const held = new Set<string>();
  for (const line of lines) {
    const grant = /^(GRANT|REVOKE) (.+?) ON (\*\.\*|`((?:[^`]|``)*)`\.\*) (?:TO|FROM) /.exec(line);
    if (!grant) continue;
    const [, verb, list, , pattern] = grant;
    if (pattern !== undefined && !matchesDatabasePattern(pattern.replace(/``/g, '`'), database)) continue;
    const privileges = list!
      .replace(/\([^)]*\)/g, '')
      .split(',')
      .map((p) => p.trim().toUpperCase());
    const named = privileges.some((p) => p === 'ALL' || p === 'ALL PRIVILEGES') ? ALL : privileges;
    for (const privilege of named) {
      if (verb === 'GRANT') held.add(privilege);
      else held.delete(privilege);
    }
  }
  return held;
}

/** A GRANT database name: _ and % are wildcards unless escaped with a backslash. */
function matchesDatabasePattern(pattern: string, database: string): boolean {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) regex += escapeRegex(pattern[++i]!);
    else if (c === '_') regex += '.';
    else if (c === '%') regex += '.*';
    else regex += escapeRegex(c);
  }
  return new RegExp(`^${regex}$`, 's').test(database);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
