import type { Knex } from '@rollcall/shared';

/**
 * The statements `db` sends while `run` runs, in order (knex's 'query' event): for tests that
 * hold a step to what it asks of the server, e.g. nothing where nothing is to be done.
 */
export async function statementsOf(db: Knex, run: () => Promise<unknown>): Promise<string[]> {
  const sql: string[] = [];
  const record = (query: { sql: string }) => sql.push(query.sql);
  db.on('query', record);
  try {
    await run();
  } finally {
    db.off('query', record);
  }
  return sql;
}
