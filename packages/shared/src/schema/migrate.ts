import type { Knex } from 'knex';
import { RollcallError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { MIGRATIONS, SCHEMA_VERSION, versionOf, type Migration } from './migrations.ts';

/** knex's own bookkeeping tables: this one and `knex_migrations_lock`. */
export const MIGRATIONS_TABLE = 'knex_migrations';

const MIGRATOR_CONFIG: Knex.MigratorConfig = {
  tableName: MIGRATIONS_TABLE,
  migrationSource: {
    getMigrations: async () => [...MIGRATIONS],
    getMigrationName: (migration) => (migration as Migration).name,
    getMigration: async (migration) => migration as Migration,
  } satisfies Knex.MigrationSource<Migration>,
};

/** The migrations a database has run, oldest first: none for a new database or one made before migrations. */
export async function appliedMigrations(db: Knex): Promise<string[]> {
  if (!(await db.schema.hasTable(MIGRATIONS_TABLE))) return [];
  const rows: { name: string }[] = await db(MIGRATIONS_TABLE).select('name').orderBy('id');
  return rows.map((row) => row.name);
}

/**
 * A database that has run a migration this release does not know was upgraded by a newer
 * rollcall: its tables may hold what this job would misread or break, so the job stops.
 */
export function refuseUnknownMigrations(applied: readonly string[], job: string): void {
  const known = new Set(MIGRATIONS.map((migration) => migration.name));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const found = Math.max(...applied.map(versionOf).filter(Number.isFinite));
  throw new RollcallError(
    'SCHEMA_TOO_NEW',
    `The database's schema is at version ${Number.isFinite(found) ? found : 'unknown'}, newer than this ${job} knows ` +
      `(version ${SCHEMA_VERSION}; unknown migrations: ${unknown.join(', ')}): a newer rollcall upgraded it. ` +
      `Run the ${job} of that release; nothing was changed.`,
    { schemaVersion: found, knownVersion: SCHEMA_VERSION, unknown },
  );
}

/**
 * Brings the database to SCHEMA_VERSION with knex's migrator. Call it holding the load lock:
 * then no other rollcall job is migrating, and a migration lock left set by a loader that died
 * mid-migration can only be stale, so it is freed first instead of blocking every later load.
 *
 * A database already at SCHEMA_VERSION (every load but the first of a release) is answered by
 * one query: knex's `latest()` with nothing to do still takes ≈ 19 statements (information_schema
 * lookups, its lock set and freed, the list read three times). knex's machinery runs whenever
 * anything differs: a new database, a migration missing, or its lock left set.
 */
export async function migrateToLatest(db: Knex, log: Logger): Promise<void> {
  const recorded = await recordedMigrations(db);
  const applied = recorded?.applied ?? (await appliedMigrations(db));
  refuseUnknownMigrations(applied, 'loader');
  if (recorded?.lockFree && isLatest(applied)) return;
  await db.migrate.forceFreeMigrationsLock(MIGRATOR_CONFIG);
  const [, ran] = (await db.migrate.latest(MIGRATOR_CONFIG)) as [number, string[]];
  if (ran.length > 0) log.info({ schemaVersion: SCHEMA_VERSION, migrations: ran }, 'schema migrated');
}

/**
 * knex's two tables read at once: the migrations run, oldest first, and whether its lock is
 * free (not when set, nor when it has no row: knex would add one). Undefined where either
 * table is missing.
 */
async function recordedMigrations(db: Knex): Promise<{ applied: string[]; lockFree: boolean } | undefined> {
  try {
    const [rows] = (await db.raw('SELECT name, (SELECT MIN(is_locked = 0) FROM ??) AS unlocked FROM ?? ORDER BY id', [
      `${MIGRATIONS_TABLE}_lock`,
      MIGRATIONS_TABLE,
    ])) as [{ name: string; unlocked: number | null }[]];
    return { applied: rows.map((row) => row.name), lockFree: rows.every((row) => row.unlocked === 1) };
  } catch (err) {
    if ((err as { code?: string }).code === 'ER_NO_SUCH_TABLE') return undefined;
    throw err;
  }
}

/** Exactly this release's migrations, in order: there is nothing for knex to run. */
function isLatest(applied: readonly string[]): boolean {
  return applied.length === MIGRATIONS.length && MIGRATIONS.every((migration, i) => migration.name === applied[i]);
}
