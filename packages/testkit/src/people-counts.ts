import type { Knex } from '@rollcall/shared';

/**
 * people_counts as the database holds it, and the same counts taken from people by the obvious
 * GROUP BY (not the loaders' code), both in primary-key order: for tests that hold the two to
 * agreeing after a load, a migration or a retry.
 */
export async function peopleCounts(db: Knex): Promise<{ held: unknown[]; fromPeople: unknown[] }> {
  const [held] = await db.raw('SELECT place_id, decade, people FROM people_counts ORDER BY place_id, decade');
  const [fromPeople] = await db.raw(
    'SELECT place_id, YEAR(date_of_birth) DIV 10 * 10 AS decade, COUNT(*) AS people FROM people GROUP BY place_id, decade ORDER BY place_id, decade',
  );
  return { held, fromPeople };
}
