import { MIGRATIONS_TABLE, refuseUnknownMigrations, RollcallError, SCHEMA_VERSION, versionOf } from '@rollcall/shared';
import type { Snapshot } from './snapshot.ts';

/** The tables of the releases before migrations (schema version 1, no knex_migrations). */
const FIRST_TABLES = ['places', 'people', 'load_runs'];

/**
 * Refuses a database whose schema is not the one this release reads: SCHEMA_TOO_NEW when a
 * newer rollcall migrated it (its reports could misread tables this release does not know),
 * SCHEMA_TOO_OLD when no loader of this release has upgraded it yet (the default reports read
 * people_counts, which schema version 2 adds and fills). Both exit 9, and the reader never
 * migrates: it reads knex's own table, so SELECT is all it needs. A database without the
 * migrations table holds either the tables of a release before migrations (version 1) or
 * nothing (requireCompletedLoad then says there is nothing to report).
 */
export async function checkSchemaVersion(snapshot: Snapshot): Promise<void> {
  let applied: string[] = [];
  try {
    const rows = await snapshot.rows<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
    applied = rows.map((row) => row.name);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ER_NO_SUCH_TABLE') throw err;
  }
  refuseUnknownMigrations(applied, 'reader');
  const found = applied.length > 0 ? Math.max(...applied.map(versionOf)) : await versionWithoutMigrations(snapshot);
  if (found === 0 || found >= SCHEMA_VERSION) return;
  throw new RollcallError(
    'SCHEMA_TOO_OLD',
    `The database's schema is at version ${found}, older than this reader reads (version ${SCHEMA_VERSION}): ` +
      'no loader of this release has upgraded it yet. Run the loader once (npm run load), which upgrades it ' +
      'and keeps its data; nothing was changed.',
    { schemaVersion: found, knownVersion: SCHEMA_VERSION },
  );
}

/**
 * 1 when the tables of the releases before migrations are all there; 0 otherwise, for an
 * empty or half-made database, which requireCompletedLoad reports as such.
 */
async function versionWithoutMigrations(snapshot: Snapshot): Promise<number> {
  const [row] = await snapshot.rows<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM information_schema.tables
     WHERE table_schema = DATABASE() AND table_name IN (${FIRST_TABLES.map(() => '?').join(', ')})`,
    FIRST_TABLES,
  );
  return Number(row?.n ?? 0) === FIRST_TABLES.length ? 1 : 0;
}
