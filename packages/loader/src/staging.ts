import type { Knex } from '@rollcall/shared';

/**
 * A load writes into places_next/people_next, invisible to readers, and swaps them in
 * with one RENAME TABLE, which MySQL and MariaDB perform atomically: a reader sees the
 * old snapshot or the new one, never a mix. Children are dropped before parents (FK).
 */
export async function prepareStaging(db: Knex): Promise<void> {
  await dropStaging(db);
  await dropTables(db, ['people_old', 'places_old']);
  await db.raw('CREATE TABLE places_next LIKE places');
  await db.raw('CREATE TABLE people_next LIKE people');
  // LIKE copies no foreign keys. Left unnamed, it is called people_next_ibfk_1 and renamed
  // people_ibfk_1 by the swap, so the next load can add its own again.
  await db.raw('ALTER TABLE people_next ADD FOREIGN KEY (place_id) REFERENCES places_next (id)');
}

export async function swapIn(db: Knex): Promise<void> {
  await db.raw(
    'RENAME TABLE places TO places_old, places_next TO places, people TO people_old, people_next TO people',
  );
  await dropTables(db, ['people_old', 'places_old']);
}

export async function dropStaging(db: Knex): Promise<void> {
  await dropTables(db, ['people_next', 'places_next']);
}

async function dropTables(db: Knex, tables: string[]): Promise<void> {
  for (const table of tables) await db.raw('DROP TABLE IF EXISTS ??', [table]);
}
