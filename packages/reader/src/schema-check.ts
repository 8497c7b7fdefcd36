import { MIGRATIONS_TABLE, refuseUnknownMigrations } from '@rollcall/shared';
import type { Snapshot } from './snapshot.ts';

/**
 * Refuses (SCHEMA_TOO_NEW) a database that a newer rollcall has migrated: its reports could
 * misread tables this release does not know. Reads knex's own table, so SELECT is all it
 * needs. Without that table the database was made before migrations (schema version 1) or
 * is empty; requireCompletedLoad tells those apart.
 */
export async function refuseNewerSchema(snapshot: Snapshot): Promise<void> {
  let applied: { name: string }[];
  try {
    applied = await snapshot.rows<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
  } catch (err) {
    if ((err as { code?: string }).code === 'ER_NO_SUCH_TABLE') return;
    throw err;
  }
  refuseUnknownMigrations(
    applied.map((row) => row.name),
    'reader',
  );
}
