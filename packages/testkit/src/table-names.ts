import type { Knex } from '@rollcall/shared';

/** The tables of the connection's current database, by name: for tests of what a step creates or drops. */
export async function tableNames(db: Knex): Promise<string[]> {
  const [rows] = await db.raw(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
  );
  return (rows as { name: string }[]).map((row) => row.name);
}
